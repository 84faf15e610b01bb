/* probe.c - a static musl program that reports what the loader gave it (run by loader_test) */
/* SPDX-License-Identifier: MIT */
#include <stdio.h>
#include <stdlib.h>
#include <sys/auxv.h>

static __thread int tls_value = 43;	/* needs AT_PHDR: musl copies the TLS image */

int
main(int argc, char **argv)
{
	const unsigned char *rnd = (const unsigned char *)getauxval(AT_RANDOM);
	const char *fn = (const char *)getauxval(AT_EXECFN);
	int i;

	printf("argc=%d", argc);
	for (i = 0; i < argc; i++)
		printf(" [%s]", argv[i]);
	printf(" env=%s tls=%d execfn=%s random=%s pagesz=%lu\n",
	    getenv("PROBE") ? getenv("PROBE") : "(none)", tls_value, fn ? fn : "(none)",
	    rnd != NULL ? "yes" : "no", getauxval(AT_PAGESZ));
	return 7;
}
