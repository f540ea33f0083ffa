"""Entry point Pulumi runs for `pulumi package add <repo>/components@<tag>`: the provider host."""

from connect_streaming.provider import serve

if __name__ == "__main__":
    serve()
