"""Everything about talking with people, with no Telegram import."""
