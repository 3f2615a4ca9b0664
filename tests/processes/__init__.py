"""Tests that run danvan as separate processes (app servers, sweep workers) on one PostgreSQL database."""
