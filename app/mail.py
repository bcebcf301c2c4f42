"""The one mailer: prints mail to the log by default, sends it by SMTP when configured."""

from __future__ import annotations

import logging
import smtplib
from dataclasses import dataclass
from email.message import EmailMessage

from flask import current_app, render_template
from flask_babel import force_locale

from app.extensions import db
from app.models import User

log = logging.getLogger("mipas.mail")


@dataclass(frozen=True)
class Mail:
    to: str
    subject: str
    body: str


def send_mail(mail: Mail) -> None:
    """Deliver one message through SMTP, or write it to the log when no server is set."""
    config = current_app.config
    if not config.get("MAIL_SERVER"):
        log.info("Mail to %s\nSubject: %s\n\n%s", mail.to, mail.subject, mail.body)
        return
    message = EmailMessage()
    message["From"] = config["MAIL_DEFAULT_SENDER"]
    message["To"] = mail.to
    message["Subject"] = mail.subject
    message.set_content(mail.body)
    with smtplib.SMTP(config["MAIL_SERVER"], config["MAIL_PORT"], timeout=30) as smtp:
        if config.get("MAIL_USE_TLS"):
            smtp.starttls()
        if config.get("MAIL_USERNAME"):
            smtp.login(config["MAIL_USERNAME"], config["MAIL_PASSWORD"])
        smtp.send_message(message)


def mail_user(user_id: int, template: str, context: dict, to: str | None = None) -> None:
    """Write mail/<template> in the recipient's language and send it; a job for app.tasks.

    Links in `context` are built by the caller, already in the recipient's language.
    """
    user = db.session.get(User, user_id)
    if user is not None:
        mail_address(to or user.email, user.language, template, {"user": user, **context})


def mail_address(to: str, language: str, template: str, context: dict) -> None:
    """Write mail/<template> in `language` and send it to `to`; a job for app.tasks.

    For mail that must not read the account when it runs, such as the goodbye after a
    deletion, when the account no longer holds the address.
    """
    with force_locale(language):
        subject = render_template(f"mail/{template}.subject.txt", **context)
        body = render_template(f"mail/{template}.txt", **context)
    send_mail(Mail(to=to, subject=" ".join(subject.split()), body=body))
