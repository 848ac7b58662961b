"""Multi-step conversations (sign-up, shifts, help requests, privacy), one module each."""
