"""What every layer uses: located content errors, the message catalogues, the cycle collector."""
