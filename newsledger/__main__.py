"""`python -m newsledger ...` runs the same CLI as the `newsledger` console script."""
from .cli import main

if __name__ == "__main__":
    main()
