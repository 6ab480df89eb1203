"""`python -m daemon` is the same as the `coffeechat` command."""

from daemon.cli import main

raise SystemExit(main())
