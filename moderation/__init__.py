"""Moderation: submission policy, screening, flags, queues, actions and the audit log."""
