/* hello.c - fuzz seed: the smallest static musl program, compiled by check-kernel-fuzz */
/* SPDX-License-Identifier: MIT */
#include <unistd.h>

int
main(void)
{
	write(1, "hello\n", 6);
	return 0;
}
