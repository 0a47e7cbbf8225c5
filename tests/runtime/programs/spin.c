// Computes forever without calling the system: only an interrupt stops it.
int main(void) {
  volatile unsigned long n = 0;
  for (;;) n++;
}
