/* kbench-true.c - the tiny program kbench's fork+execve+wait test starts */
/* SPDX-License-Identifier: MIT */
int
main(void)
{
	return 0;
}
