"""Allow ``python -m rubrika``."""

from rubrika.cli import main

if __name__ == "__main__":
    main()
