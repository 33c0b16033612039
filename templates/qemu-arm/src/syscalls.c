/*
 * The newlib system calls the firmware can reach. The UART belongs to the protocol, so text
 * written to stdout/stderr (e.g. TVMAPISetLastError) is dropped rather than corrupting frames.
 *
 * Part of the microtvm-maven-plugin qemu-arm template.
 */
#include <errno.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/stat.h>

extern char end[], __heap_limit[];

void* _sbrk(ptrdiff_t increment) {
  static char* heap_end = end;
  if (increment < 0 || increment > __heap_limit - heap_end) {
    errno = ENOMEM;
    return (void*)-1;
  }
  char* previous = heap_end;
  heap_end += increment;
  return previous;
}

int _write(int fd, const char* data, int size) {
  (void)fd, (void)data;
  return size;
}

int _read(int fd, char* data, int size) {
  (void)fd, (void)data, (void)size;
  return 0;
}

int _close(int fd) {
  (void)fd;
  return -1;
}

int _fstat(int fd, struct stat* st) {
  (void)fd;
  st->st_mode = S_IFCHR;
  return 0;
}

int _isatty(int fd) {
  (void)fd;
  return 1;
}

int _lseek(int fd, int offset, int whence) {
  (void)fd, (void)offset, (void)whence;
  return 0;
}

void _exit(int status) {
  (void)status;
  for (;;) __asm volatile("wfi");
}

int _kill(int pid, int signal) {
  (void)pid, (void)signal;
  errno = EINVAL;
  return -1;
}

int _getpid(void) { return 1; }

/* Called by __libc_init_array / __libc_fini_array; the C runtime files that define them are not
 * linked (-nostartfiles), as startup.c does their work. */
void _init(void) {}
void _fini(void) {}
