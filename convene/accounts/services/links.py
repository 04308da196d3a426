"""What sign-in links and invitation links have in common: why one may be refused."""

from enum import StrEnum

from convene.core.tokens import MAX_TOKEN_LENGTH, hash_token


class LinkProblem(StrEnum):
    INVALID = "invalid"
    EXPIRED = "expired"
    USED = "used"


class LinkRefused(Exception):
    def __init__(self, problem: LinkProblem):
        super().__init__(problem.value)
        self.problem = problem


def hash_of(token: str) -> str:
    """The stored hash for a link's token; refused at once if it cannot be one of ours."""
    if not token or len(token) > MAX_TOKEN_LENGTH:
        raise LinkRefused(LinkProblem.INVALID)
    return hash_token(token)


def refuse_unless_open(*, exists: bool, used: bool, expired: bool) -> None:
    if not exists:
        raise LinkRefused(LinkProblem.INVALID)
    if used:
        raise LinkRefused(LinkProblem.USED)
    if expired:
        raise LinkRefused(LinkProblem.EXPIRED)
