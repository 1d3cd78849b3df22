"""What a user does, composed of the layers below: import, export, demo, self-test."""
