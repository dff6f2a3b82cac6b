"""Sign-in throttling holds when the guesses come all at once: 5 failures per user in 15 minutes,
however many requests run in parallel (before: every parallel guess was checked against the count
of failures recorded so far, so a burst of 20 got 20 tries)."""

from __future__ import annotations

from disputedesk.services import accounts
from disputedesk.services.context import Context

from .conftest import together


def test_parallel_guesses_get_five_tries_not_twenty(ctx: Context) -> None:
    accounts.create_user(ctx, "anna", "correct horse battery")

    def guess(i: int) -> str:
        try:
            accounts.authenticate(ctx, "anna", f"wrong guess {i}", f"203.0.113.{i}")
        except accounts.SignInRefused as exc:
            return "throttled" if exc.retry_after else "wrong"
        return "signed in"

    answers = together(20, guess)
    assert answers.count("wrong") == accounts.THROTTLE_MAX_FAILURES, answers
    assert answers.count("throttled") == 20 - accounts.THROTTLE_MAX_FAILURES
    try:
        accounts.authenticate(ctx, "anna", "correct horse battery", "198.51.100.7")
        raise AssertionError("the right password got through during the throttle window")
    except accounts.SignInRefused as exc:
        assert exc.retry_after
