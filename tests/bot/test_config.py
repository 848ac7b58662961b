"""The operator configures the bot through environment variables and, optionally, a TOML file."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.config import DEFAULT_API_BASE_URL, BotConfig, ConfigError, load_config

TOKEN = "123456:ABC-def_ghi"


def write_toml(tmp_path: Path, text: str) -> Path:
    """Put a config file in the temporary directory."""
    path = tmp_path / "voordeur.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_operator_with_only_a_token_gets_telegram_oostende_and_a_local_database() -> None:
    config = load_config({"TELEGRAM_BOT_TOKEN": TOKEN})
    assert config.token == TOKEN
    assert config.api_base_url == DEFAULT_API_BASE_URL
    assert config.file_base_url == "https://api.telegram.org/file/bot"
    assert config.data == "oostende"
    assert config.db_path == Path("voordeur.sqlite3")
    assert config.staff_ids == frozenset()
    assert not config.webhook_mode
    assert config.rate_overall_per_second == 30
    assert config.rate_per_chat_per_second == 1


def test_operator_of_a_self_hosted_api_server_gets_matching_file_url() -> None:
    config = load_config(
        {"TELEGRAM_BOT_TOKEN": TOKEN, "TELEGRAM_API_BASE_URL": "http://127.0.0.1:8081/bot"}
    )
    assert config.api_base_url == "http://127.0.0.1:8081/bot"
    assert config.file_base_url == "http://127.0.0.1:8081/file/bot"


def test_environment_names_data_database_and_staff() -> None:
    config = load_config(
        {
            "TELEGRAM_BOT_TOKEN": TOKEN,
            "VOORDEUR_DATA": "kortrijk",
            "VOORDEUR_DB": "/var/lib/voordeur/bot.sqlite3",
            "VOORDEUR_STAFF": " 111, 222 ,333,",
        }
    )
    assert config.data == "kortrijk"
    assert config.db_path == Path("/var/lib/voordeur/bot.sqlite3")
    assert config.staff_ids == frozenset({111, 222, 333})


def test_environment_wins_over_the_config_file(tmp_path: Path) -> None:
    path = write_toml(
        tmp_path,
        """
[telegram]
token = "1:from-file"
api_base_url = "http://10.0.0.5:8081/bot"

[voordeur]
data = "denhaag-zuidwest"
db = "file.sqlite3"
staff = [5, 6]

[webhook]
url = "https://bot.example.org/hook/abc"
port = 8444
secret_token = "s3cr3t_token"

[logging]
json = true
""",
    )
    config = load_config({"TELEGRAM_BOT_TOKEN": TOKEN, "VOORDEUR_STAFF": "7"}, path)
    assert config.token == TOKEN
    assert config.api_base_url == "http://10.0.0.5:8081/bot"
    assert config.data == "denhaag-zuidwest"
    assert config.db_path == Path("file.sqlite3")
    assert config.staff_ids == frozenset({7})
    assert config.webhook_mode
    assert config.webhook_port == 8444
    assert config.webhook_path == "hook/abc"
    assert config.webhook_secret_token == "s3cr3t_token"
    assert config.log_json is True


def test_config_file_is_found_through_voordeur_config(tmp_path: Path) -> None:
    path = write_toml(tmp_path, '[voordeur]\ndata = "kortrijk"\n')
    config = load_config({"TELEGRAM_BOT_TOKEN": TOKEN, "VOORDEUR_CONFIG": str(path)})
    assert config.data == "kortrijk"


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"VOORDEUR_STAFF": "123,abc"}, "'abc' is not a Telegram user id"),
        ({"VOORDEUR_STAFF": "-5"}, "must be positive"),
        ({"TELEGRAM_API_BASE_URL": "api.telegram.org/bot"}, "is not an http(s) URL"),
        ({"VOORDEUR_WEBHOOK_PORT": "eighty"}, "'eighty' is not a number"),
        ({"VOORDEUR_WEBHOOK_PORT": "70000"}, "is not a TCP port"),
        ({"VOORDEUR_LOG_JSON": "maybe"}, "is not a yes/no value"),
        ({"VOORDEUR_LOG_LEVEL": "chatty"}, "is not a log level"),
        ({"VOORDEUR_RATE_OVERALL": "-1"}, "must be at least 0"),
        ({"VOORDEUR_WEBHOOK_SECRET": "has spaces"}, "secret_token"),
    ],
)
def test_bad_values_are_refused_with_a_message_naming_the_setting(
    env: dict[str, str], message: str
) -> None:
    with pytest.raises(ConfigError) as excinfo:
        load_config({"TELEGRAM_BOT_TOKEN": TOKEN, **env})
    assert message in str(excinfo.value)
    name = next(iter(env))
    if name != "VOORDEUR_WEBHOOK_SECRET":
        assert name in str(excinfo.value)


def test_missing_token_says_where_to_get_one() -> None:
    with pytest.raises(ConfigError, match="BotFather"):
        load_config({})


def test_commands_that_need_no_telegram_can_skip_the_token() -> None:
    assert load_config({}, require_token=False).token == ""


def test_a_token_that_is_not_a_bot_token_is_refused() -> None:
    with pytest.raises(ConfigError, match="does not look like a bot token"):
        load_config({"TELEGRAM_BOT_TOKEN": "not a token"})


def test_typo_in_the_config_file_is_reported(tmp_path: Path) -> None:
    path = write_toml(tmp_path, '[voordeur]\ndatabase = "x.sqlite3"\n')
    with pytest.raises(ConfigError, match=r"unknown setting voordeur\.database"):
        load_config({"TELEGRAM_BOT_TOKEN": TOKEN}, path)


def test_broken_config_file_is_reported(tmp_path: Path) -> None:
    path = write_toml(tmp_path, "[voordeur\n")
    with pytest.raises(ConfigError, match="not valid TOML"):
        load_config({"TELEGRAM_BOT_TOKEN": TOKEN}, path)


def test_missing_config_file_is_reported(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="does not exist"):
        load_config({"TELEGRAM_BOT_TOKEN": TOKEN}, tmp_path / "nope.toml")


def test_every_setting_of_the_config_has_a_parser() -> None:
    from dataclasses import fields

    from bot.config import _PARSERS

    assert set(_PARSERS) == {f.name for f in fields(BotConfig)}
