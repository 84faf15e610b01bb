/* hello.c - user test: the smallest musl program: write, exit */
/* SPDX-License-Identifier: MIT */
#include <stdio.h>

int
main(void)
{
	printf("hello from ring 3\n");
	return 7;
}
