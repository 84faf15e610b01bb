/* stat.c - print file status */
/* SPDX-License-Identifier: MIT */
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "../lib/util.h"

static const char *
type_name(mode_t m)
{
	if (S_ISREG(m))
		return "regular file";
	if (S_ISDIR(m))
		return "directory";
	if (S_ISLNK(m))
		return "symbolic link";
	if (S_ISCHR(m))
		return "character special file";
	if (S_ISBLK(m))
		return "block special file";
	if (S_ISFIFO(m))
		return "fifo";
	if (S_ISSOCK(m))
		return "socket";
	return "unknown";
}

static void
put_time(const char *label, time_t t)
{
	char buf[64];
	struct tm *tm = localtime(&t);

	if (tm == NULL || strftime(buf, sizeof(buf), "%Y-%m-%d %H:%M:%S %z", tm) == 0)
		snprintf(buf, sizeof(buf), "%lld", (long long)t);
	printf("%s: %s\n", label, buf);
}

static void
formatted(const char *fmt, const char *name, const struct stat *st)
{
	char mode[11];

	for (; *fmt; fmt++) {
		if (*fmt == '\\' && fmt[1] == 'n') {
			putchar('\n');
			fmt++;
			continue;
		}
		if (*fmt != '%' || fmt[1] == '\0') {
			putchar(*fmt);
			continue;
		}
		switch (*++fmt) {
		case 'n': fputs(name, stdout); break;
		case 's': printf("%lld", (long long)st->st_size); break;
		case 'a': printf("%o", (unsigned)(st->st_mode & 07777)); break;
		case 'A': fputs(mode_string(mode, st->st_mode), stdout); break;
		case 'F': fputs(type_name(st->st_mode), stdout); break;
		case 'u': printf("%u", (unsigned)st->st_uid); break;
		case 'g': printf("%u", (unsigned)st->st_gid); break;
		case 'h': printf("%lu", (unsigned long)st->st_nlink); break;
		case 'i': printf("%llu", (unsigned long long)st->st_ino); break;
		case 'b': printf("%lld", (long long)st->st_blocks); break;
		case 'Y': printf("%lld", (long long)st->st_mtime); break;
		case '%': putchar('%'); break;
		default: putchar('%'); putchar(*fmt);
		}
	}
	putchar('\n');
}

static void
full(const char *name, const struct stat *st)
{
	char mode[11];

	printf("  File: %s\n", name);
	printf("  Size: %-15lld Blocks: %-10lld IO Block: %-6ld %s\n",
	    (long long)st->st_size, (long long)st->st_blocks, (long)st->st_blksize,
	    type_name(st->st_mode));
	printf("Device: %llxh/%llud\tInode: %-11llu Links: %lu\n",
	    (unsigned long long)st->st_dev, (unsigned long long)st->st_dev,
	    (unsigned long long)st->st_ino, (unsigned long)st->st_nlink);
	printf("Access: (%04o/%s)  Uid: (%5u)   Gid: (%5u)\n",
	    (unsigned)(st->st_mode & 07777), mode_string(mode, st->st_mode),
	    (unsigned)st->st_uid, (unsigned)st->st_gid);
	put_time("Access", st->st_atime);
	put_time("Modify", st->st_mtime);
	put_time("Change", st->st_ctime);
}

int
stat_main(int argc, char **argv)
{
	const char *fmt = NULL;
	struct stat st;
	int c, follow = 0, i, r = 0;

	while ((c = getopt(argc, argv, "Lc:")) != -1) {
		if (c == 'L')
			follow = 1;
		else if (c == 'c')
			fmt = optarg;
		else
			return usage_error();
	}
	if (optind == argc) {
		msg("missing operand");
		return usage_error();
	}
	for (i = optind; i < argc; i++) {
		if ((follow ? stat(argv[i], &st) : lstat(argv[i], &st)) < 0) {
			r = fail("stat", argv[i]);
			continue;
		}
		if (fmt)
			formatted(fmt, argv[i], &st);
		else
			full(argv[i], &st);
	}
	return r;
}
