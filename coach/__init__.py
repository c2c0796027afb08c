"""Call coach: a local-first, real-time coach for contact-centre phone agents."""

__version__ = "0.1.0"
