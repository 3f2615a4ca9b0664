"""Placeholder: filled in by the issue-4 work on this module."""

from ninja import Router

router = Router(tags=["cases"])
