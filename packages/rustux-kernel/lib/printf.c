/* printf.c - kernel: a small printf engine with a byte sink */
/* SPDX-License-Identifier: MIT */
#include <stdint.h>

#include "lib/printf.h"
#include "lib/string.h"

#define F_LEFT	0x01
#define F_PLUS	0x02
#define F_SPACE	0x04
#define F_ALT	0x08
#define F_ZERO	0x10

struct spec {
	unsigned flags;
	int width;
	int prec;		/* -1: none */
	int length;		/* 'H' hh, 'h', 'l', 'L' ll, 'z', 'j', 't', 0 */
	char conv;
};

struct out {
	fmt_sink_fn sink;
	void *arg;
	int count;
};

static void
put(struct out *o, char c)
{
	o->sink(o->arg, c);
	o->count++;
}

static void
pad(struct out *o, char c, int n)
{
	while (n-- > 0) {
		put(o, c);
	}
}

static const char *
parse_spec(const char *p, struct spec *s, va_list *ap)
{
	s->flags = 0;
	s->width = 0;
	s->prec = -1;
	s->length = 0;
	for (;; p++) {
		if (*p == '-') {
			s->flags |= F_LEFT;
		} else if (*p == '+') {
			s->flags |= F_PLUS;
		} else if (*p == ' ') {
			s->flags |= F_SPACE;
		} else if (*p == '#') {
			s->flags |= F_ALT;
		} else if (*p == '0') {
			s->flags |= F_ZERO;
		} else {
			break;
		}
	}
	if (*p == '*') {
		s->width = va_arg(*ap, int);
		if (s->width < 0) {
			s->flags |= F_LEFT;
			s->width = -s->width;
		}
		p++;
	} else {
		while (*p >= '0' && *p <= '9') {
			s->width = s->width * 10 + (*p++ - '0');
		}
	}
	if (*p == '.') {
		p++;
		s->prec = 0;
		if (*p == '*') {
			s->prec = va_arg(*ap, int);
			if (s->prec < 0) {
				s->prec = -1;
			}
			p++;
		} else {
			while (*p >= '0' && *p <= '9') {
				s->prec = s->prec * 10 + (*p++ - '0');
			}
		}
	}
	if (p[0] == 'h' && p[1] == 'h') {
		s->length = 'H';
		p += 2;
	} else if (p[0] == 'l' && p[1] == 'l') {
		s->length = 'L';
		p += 2;
	} else if (*p == 'h' || *p == 'l' || *p == 'z' || *p == 'j' || *p == 't') {
		s->length = *p++;
	}
	s->conv = *p;
	return *p != '\0' ? p + 1 : p;
}

static uintmax_t
get_unsigned(const struct spec *s, va_list *ap)
{
	switch (s->length) {
	case 'H':
		return (unsigned char)va_arg(*ap, unsigned);
	case 'h':
		return (unsigned short)va_arg(*ap, unsigned);
	case 'l':
		return va_arg(*ap, unsigned long);
	case 'L':
		return va_arg(*ap, unsigned long long);
	case 'z':
		return va_arg(*ap, size_t);
	case 'j':
		return va_arg(*ap, uintmax_t);
	case 't':
		return (uintmax_t)va_arg(*ap, ptrdiff_t);
	default:
		return va_arg(*ap, unsigned);
	}
}

static intmax_t
get_signed(const struct spec *s, va_list *ap)
{
	switch (s->length) {
	case 'H':
		return (signed char)va_arg(*ap, int);
	case 'h':
		return (short)va_arg(*ap, int);
	case 'l':
		return va_arg(*ap, long);
	case 'L':
		return va_arg(*ap, long long);
	case 'z':
		return (intmax_t)va_arg(*ap, size_t);
	case 'j':
		return va_arg(*ap, intmax_t);
	case 't':
		return va_arg(*ap, ptrdiff_t);
	default:
		return va_arg(*ap, int);
	}
}

/* Emits a number: sign/prefix, precision zeros, width padding. */
static void
emit_number(struct out *o, const struct spec *s, uintmax_t v, int neg,
    unsigned base, int upper)
{
	const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
	char buf[24], prefix[3];
	int n = 0, np = 0, zeros, total;

	while (v != 0) {
		buf[n++] = digits[v % base];
		v /= base;
	}
	if (n == 0 && s->prec != 0) {
		buf[n++] = '0';
	}
	if (neg) {
		prefix[np++] = '-';
	} else if (s->flags & F_PLUS) {
		prefix[np++] = '+';
	} else if (s->flags & F_SPACE) {
		prefix[np++] = ' ';
	}
	if ((s->flags & F_ALT) && base == 16 && n > 0 && !(n == 1 && buf[0] == '0')) {
		prefix[np++] = '0';
		prefix[np++] = upper ? 'X' : 'x';
	}
	if ((s->flags & F_ALT) && base == 8 && (n == 0 || buf[n - 1] != '0')) {
		buf[n++] = '0';
	}
	zeros = s->prec > n ? s->prec - n : 0;
	total = np + zeros + n;
	if (s->prec < 0 && (s->flags & F_ZERO) && !(s->flags & F_LEFT) && s->width > total) {
		zeros += s->width - total;
		total = s->width;
	}
	if (!(s->flags & F_LEFT)) {
		pad(o, ' ', s->width - total);
	}
	for (int i = 0; i < np; i++) {
		put(o, prefix[i]);
	}
	pad(o, '0', zeros);
	while (n > 0) {
		put(o, buf[--n]);
	}
	if (s->flags & F_LEFT) {
		pad(o, ' ', s->width - total);
	}
}

static void
emit_string(struct out *o, const struct spec *s, const char *str)
{
	int len;

	if (str == NULL) {
		str = "(null)";
	}
	len = (int)strnlen(str, s->prec >= 0 ? (size_t)s->prec : (size_t)-1);
	if (!(s->flags & F_LEFT)) {
		pad(o, ' ', s->width - len);
	}
	for (int i = 0; i < len; i++) {
		put(o, str[i]);
	}
	if (s->flags & F_LEFT) {
		pad(o, ' ', s->width - len);
	}
}

static void
emit_conv(struct out *o, struct spec *s, va_list *ap)
{
	intmax_t sv;
	char c;

	switch (s->conv) {
	case 'd':
	case 'i':
		sv = get_signed(s, ap);
		emit_number(o, s, sv < 0 ? -(uintmax_t)sv : (uintmax_t)sv, sv < 0, 10, 0);
		break;
	case 'u':
		emit_number(o, s, get_unsigned(s, ap), 0, 10, 0);
		break;
	case 'x':
	case 'X':
		emit_number(o, s, get_unsigned(s, ap), 0, 16, s->conv == 'X');
		break;
	case 'o':
		emit_number(o, s, get_unsigned(s, ap), 0, 8, 0);
		break;
	case 'p':
		s->flags |= F_ALT;
		s->length = 0;
		emit_number(o, s, (uintptr_t)va_arg(*ap, void *), 0, 16, 0);
		break;
	case 's':
		emit_string(o, s, va_arg(*ap, const char *));
		break;
	case 'c':
		c = (char)va_arg(*ap, int);
		if (!(s->flags & F_LEFT)) {
			pad(o, ' ', s->width - 1);
		}
		put(o, c);
		if (s->flags & F_LEFT) {
			pad(o, ' ', s->width - 1);
		}
		break;
	case '%':
		put(o, '%');
		break;
	default:
		/* Unknown conversion: show it verbatim so the bug is visible. */
		put(o, '%');
		if (s->conv != '\0') {
			put(o, s->conv);
		}
		break;
	}
}

int
fmt_vformat(fmt_sink_fn sink, void *arg, const char *fmt, va_list ap)
{
	struct out o = { sink, arg, 0 };
	struct spec s;
	va_list aq;

	va_copy(aq, ap);
	while (*fmt != '\0') {
		if (*fmt != '%') {
			put(&o, *fmt++);
			continue;
		}
		fmt = parse_spec(fmt + 1, &s, &aq);
		emit_conv(&o, &s, &aq);
	}
	va_end(aq);
	return o.count;
}

struct bufsink {
	char *buf;
	size_t size;
	size_t pos;
};

static void
buf_put(void *arg, char c)
{
	struct bufsink *b = arg;

	if (b->pos + 1 < b->size) {
		b->buf[b->pos] = c;
	}
	b->pos++;
}

int
fmt_vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
	struct bufsink b = { buf, size, 0 };
	int n;

	n = fmt_vformat(buf_put, &b, fmt, ap);
	if (size > 0) {
		buf[b.pos < size ? b.pos : size - 1] = '\0';
	}
	return n;
}

int
fmt_snprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = fmt_vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n;
}
