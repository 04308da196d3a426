"""Console and file e-mail for development and the demo: every line printed whole.

Django encodes a text part with a line longer than 78 characters as quoted-printable,
which breaks a sign-in link across lines with `=` at each break, so a link pasted from
the console is "not valid". These backends write the same messages with lines kept up to
RFC 5322's limit of 998 characters, sent as 7bit or 8bit (UTF-8 unencoded, headers too),
so what is printed is what a reader's mail program would show. Production sends through
GOV.UK Notify or SMTP and is not affected.
"""

import email.policy

from django.core.mail.backends import console, filebased

READABLE = email.policy.default.clone(max_line_length=998, cte_type="8bit", utf8=True)


def readable_bytes(message) -> bytes:
    return message.message(policy=READABLE).as_bytes()


class ConsoleEmailBackend(console.EmailBackend):
    def write_message(self, message):
        self.stream.write(readable_bytes(message).decode() + "\n" + "-" * 79 + "\n")


class FileEmailBackend(filebased.EmailBackend):
    def write_message(self, message):
        self.stream.write(readable_bytes(message) + b"\n" + b"-" * 79 + b"\n")
