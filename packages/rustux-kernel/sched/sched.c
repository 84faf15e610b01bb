/* sched.c - kernel: threads, the run queue, context switches, wait queues */
/* SPDX-License-Identifier: MIT */
#include <stddef.h>
#include <stdint.h>

#include "arch/cpu.h"
#include "arch/mmu.h"
#include "arch/x86_64/x86.h"
#include "kernel/printk.h"
#include "lib/kalloc.h"
#include "lib/string.h"
#include "mm/pmm.h"
#include "proc/proc.h"
#include "sched/cpulocal.h"
#include "sched/sched.h"

#define SLICE_NS	10000000ULL	/* 10 ms */
#define MSR_FS_BASE	0xc0000100u
#define FXSAVE_SIZE	512

void	sched_switch(uint64_t *save_ksp, uint64_t new_ksp);
void	thread_start(void);

struct thread *current;
struct cpu_local cpu_local;

static struct thread idle_thread;
static uint8_t idle_fpu[FXSAVE_SIZE] __attribute__((aligned(16)));
static struct waitq runq;
static struct thread *zombies;
static struct timer slice_timer;
static volatile int need_resched;
static uint64_t switches;
static int next_tid = 1;
static uint64_t kernel_cr3;

static void
fpu_enable(void)
{
	uint64_t cr0, cr4;

	__asm__ volatile("mov %%cr0, %0" : "=r"(cr0));
	cr0 = (cr0 & ~((1ULL << 2) | (1ULL << 3))) | (1ULL << 1);	/* EM=0 TS=0 MP=1 */
	__asm__ volatile("mov %0, %%cr0" : : "r"(cr0));
	__asm__ volatile("mov %%cr4, %0" : "=r"(cr4));
	cr4 |= (1ULL << 9) | (1ULL << 10);	/* OSFXSR, OSXMMEXCPT */
	__asm__ volatile("mov %0, %%cr4" : : "r"(cr4));
	__asm__ volatile("fninit");
}

/* The psABI's initial x87 and SSE control words, everything else clear. */
static void
fpu_init_area(uint8_t *a)
{
	uint16_t fcw = 0x37f;
	uint32_t mxcsr = 0x1f80;

	memset(a, 0, FXSAVE_SIZE);
	memcpy(a, &fcw, 2);
	memcpy(a + 24, &mxcsr, 4);
}

static void
slice_tick(struct timer *t, uint64_t now, void *arg)
{
	(void)t, (void)now, (void)arg;
	need_resched = 1;
}

void
sched_init(void)
{
	kernel_cr3 = read_cr3();
	fpu_enable();
	idle_thread.name = "idle";
	idle_thread.state = TH_RUNNING;
	idle_thread.fpu = idle_fpu;
	idle_thread.cr3 = kernel_cr3;
	current = &idle_thread;
	waitq_init(&runq);
	/* Both GS bases name the per-CPU block: swapgs is then always safe. */
	wrmsr(0xc0000101u, (uint64_t)&cpu_local);
	wrmsr(0xc0000102u, (uint64_t)&cpu_local);
	timer_add(&slice_timer, SLICE_NS, SLICE_NS, slice_tick, NULL);
}

uint64_t
sched_kernel_cr3(void)
{
	return kernel_cr3;
}

struct thread *
thread_alloc(const char *name)
{
	struct thread *t = kzalloc(sizeof(*t));
	uint64_t pa;

	if (t == NULL) {
		return NULL;
	}
	t->fpu = kmalloc(FXSAVE_SIZE);
	pa = pmm_alloc_pages(THREAD_STACK_PAGES, 1);
	if (t->fpu == NULL || pa == PMM_NONE) {
		kfree(t->fpu);
		kfree(t);
		return NULL;
	}
	fpu_init_area(t->fpu);
	t->kstack = (uint64_t)phys_to_virt(pa);
	t->kstack_top = t->kstack + THREAD_STACK_PAGES * PAGE_SIZE;
	t->name = name;
	t->state = TH_BLOCKED;
	t->cr3 = kernel_cr3;
	unsigned long irq = arch_irq_save();
	t->tid = next_tid++;
	arch_irq_restore(irq);
	return t;
}

void
thread_free(struct thread *t)
{
	pmm_free_pages(virt_to_phys_direct((void *)t->kstack), THREAD_STACK_PAGES);
	kfree(t->fpu);
	kfree(t);
}

/* Lays out a switch frame on t's stack whose ret goes to entry. */
void
thread_set_entry(struct thread *t, uint64_t sp, void (*entry)(void))
{
	uint64_t *s = (uint64_t *)sp;

	*--s = (uint64_t)entry;
	for (int i = 0; i < 6; i++) {
		*--s = 0;	/* rbp rbx r12 r13 r14 r15 */
	}
	t->ksp = (uint64_t)s;
}

/* Where a kernel thread starts, with interrupts off (from schedule()). */
void
thread_entry(void)
{
	arch_irq_enable();
	current->fn(current->arg);
	thread_exit();
}

struct thread *
thread_create_kernel(const char *name, void (*fn)(void *), void *arg)
{
	struct thread *t = thread_alloc(name);

	if (t == NULL) {
		return NULL;
	}
	t->fn = fn;
	t->arg = arg;
	/* The top keeps room for a syscall frame: a kernel thread may become a user one. */
	thread_set_entry(t, t->kstack_top - sizeof(struct trapframe), thread_start);
	sched_make_runnable(t);
	return t;
}

static void
rq_push(struct waitq *q, struct thread *t)
{
	t->rq_next = NULL;
	if (q->tail != NULL) {
		q->tail->rq_next = t;
	} else {
		q->head = t;
	}
	q->tail = t;
}

static struct thread *
rq_pop(struct waitq *q)
{
	struct thread *t = q->head;

	if (t != NULL) {
		q->head = t->rq_next;
		if (q->head == NULL) {
			q->tail = NULL;
		}
		t->rq_next = NULL;
	}
	return t;
}

static void
rq_remove(struct waitq *q, struct thread *t)
{
	struct thread *prev = NULL;

	for (struct thread *p = q->head; p != NULL; prev = p, p = p->rq_next) {
		if (p == t) {
			if (prev != NULL) {
				prev->rq_next = p->rq_next;
			} else {
				q->head = p->rq_next;
			}
			if (q->tail == p) {
				q->tail = prev;
			}
			p->rq_next = NULL;
			return;
		}
	}
}

void
sched_make_runnable(struct thread *t)
{
	unsigned long irq = arch_irq_save();

	if (t->state != TH_RUNNABLE && t->state != TH_RUNNING && t->state != TH_DEAD) {
		t->state = TH_RUNNABLE;
		rq_push(&runq, t);
		if (current == &idle_thread) {
			need_resched = 1;
		}
	}
	arch_irq_restore(irq);
}

static void
reap_zombies(void)
{
	while (zombies != NULL) {
		struct thread *t = zombies;

		zombies = t->rq_next;
		thread_free(t);
	}
}

static void
switch_to(struct thread *prev, struct thread *next)
{
	__asm__ volatile("fxsave64 (%0)" : : "r"(prev->fpu) : "memory");
	prev->fs_base = rdmsr(MSR_FS_BASE);
	if (next->cr3 != prev->cr3) {
		write_cr3(next->cr3);
	}
	wrmsr(MSR_FS_BASE, next->fs_base);
	__asm__ volatile("fxrstor64 (%0)" : : "r"(next->fpu) : "memory");
	if (next != &idle_thread) {
		gdt_set_kernel_stack(next->kstack_top);
		cpu_local.kstack_top = next->kstack_top;
	}
	current = next;
	switches++;
	sched_switch(&prev->ksp, next->ksp);
}

void
schedule(void)
{
	struct thread *prev = current, *next;

	need_resched = 0;
	if (prev->state == TH_RUNNING) {
		prev->state = TH_RUNNABLE;
		if (prev != &idle_thread) {
			rq_push(&runq, prev);
		}
	}
	next = rq_pop(&runq);
	if (next == NULL) {
		next = &idle_thread;
	}
	next->state = TH_RUNNING;
	if (next != prev) {
		switch_to(prev, next);
		reap_zombies();
	}
}

void
sched_yield(void)
{
	unsigned long irq = arch_irq_save();

	schedule();
	arch_irq_restore(irq);
}

void
thread_exit(void)
{
	arch_irq_disable();
	current->state = TH_DEAD;
	current->rq_next = zombies;
	zombies = current;
	schedule();
	panic("thread_exit: a dead thread ran again");
}

void
trap_irq_exit(struct trapframe *tf)
{
	if (need_resched && ((tf->cs & 3) == 3 || current->kpreempt)) {
		schedule();
	}
	if ((tf->cs & 3) == 3) {
		proc_deliver_signals(tf);
	}
}

/* The idle loop: the boot context ends here once threads exist. */
void
sched_idle_loop(void)
{
	idle_thread.kpreempt = 1;
	for (;;) {
		arch_idle();
		if (need_resched) {
			sched_yield();
		}
	}
}

void
waitq_init(struct waitq *q)
{
	q->head = q->tail = NULL;
}

void
waitq_sleep(struct waitq *q)
{
	current->state = TH_BLOCKED;
	current->wq = q;
	current->wake_reason = 0;
	rq_push(q, current);
	schedule();
}

static void
sleep_timer_fn(struct timer *tm, uint64_t now, void *arg)
{
	struct thread *t = arg;

	(void)tm, (void)now;
	if (t->state == TH_BLOCKED) {
		if (t->wq != NULL) {
			rq_remove(t->wq, t);
			t->wq = NULL;
		}
		t->wake_reason = 1;
		sched_make_runnable(t);
	}
}

int
waitq_sleep_timeout(struct waitq *q, uint64_t ns)
{
	int r;

	current->state = TH_BLOCKED;
	current->wq = q;
	current->wake_reason = 0;
	if (q != NULL) {
		rq_push(q, current);
	}
	timer_add(&current->sleep_timer, ns, 0, sleep_timer_fn, current);
	schedule();
	timer_cancel(&current->sleep_timer);
	r = current->wake_reason;
	return r;
}

/* Safe with interrupts on: a closing pipe end wakes readers from exit. */
void
waitq_wake_all(struct waitq *q)
{
	unsigned long irq = arch_irq_save();
	struct thread *t;

	while ((t = rq_pop(q)) != NULL) {
		t->wq = NULL;
		sched_make_runnable(t);
	}
	arch_irq_restore(irq);
}

void
sched_sleep_ns(uint64_t ns)
{
	unsigned long irq = arch_irq_save();

	waitq_sleep_timeout(NULL, ns);
	arch_irq_restore(irq);
}

uint64_t
sched_switches(void)
{
	return switches;
}

/* A fresh FPU state for execve, loaded into the CPU now (t is current). */
void
thread_fpu_reset(struct thread *t)
{
	fpu_init_area(t->fpu);
	__asm__ volatile("fxrstor64 (%0)" : : "r"(t->fpu) : "memory");
}

/* Wakes t out of whatever it sleeps on (a signal): its wait loop re-checks. */
void
sched_interrupt(struct thread *t)
{
	unsigned long irq = arch_irq_save();

	if (t->state == TH_BLOCKED) {
		if (t->wq != NULL) {
			rq_remove(t->wq, t);
			t->wq = NULL;
		}
		sched_make_runnable(t);
	}
	arch_irq_restore(irq);
}
