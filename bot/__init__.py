"""The process: configuration, command line, Telegram and console channels, scheduler."""
