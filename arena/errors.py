"""Errors of the arena's services, each with the HTTP status and code the API answers with."""


class ArenaError(Exception):
    status = 400
    code = "bad_request"

    def __init__(self, detail: str):
        super().__init__(detail)
        self.detail = detail


class NoBattleAvailable(ArenaError):
    status = 404
    code = "no_battle_available"


class BattleNotFound(ArenaError):
    status = 404
    code = "battle_not_found"


class NotYourBattle(ArenaError):
    status = 403
    code = "not_your_battle"


class BattleExpired(ArenaError):
    status = 410
    code = "battle_expired"


class BattleAlreadyDecided(ArenaError):
    """The battle already has a different vote, or was skipped."""

    status = 409
    code = "battle_already_decided"


class NotVotedYet(ArenaError):
    status = 409
    code = "not_voted_yet"


class InvalidVote(ArenaError):
    status = 422
    code = "invalid_vote"
