/* cli.c: placeholder */
