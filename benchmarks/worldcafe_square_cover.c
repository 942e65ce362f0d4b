/* Helper of worldcafe_square_bound.py (case A: rows, columns and a Latin square L are rounds 1-3).
 * stdin: 36 conflict masks (cell c conflicts with cell d when they share a row, a column or a symbol of L).
 * argv[1]: budget B. Enumerates every partition of the 36 cells into 6 blocks of 6 whose cost
 * (conflicting pairs inside blocks, = overlap of the partition with rows, columns and L) is <= B,
 * then checks every pair (P, Q) of them with cost(P) <= cost(Q), cost(P) + cost(Q) <= 8:
 * repeats = cost(P) + cost(Q) + pairs together in P and Q that never met in rounds 1-3.
 * Prints the partition counts per cost and the least repeats over the checked pairs. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
typedef uint64_t u64;
typedef struct { u64 mask; int cost; } blk;
static u64 M[36], FULL = (1ULL << 36) - 1, sol[6];
static int budget, nb[36], cap[36], np, pcap;
static blk *by[36];
static int *pcost;
static u64 *psame;
static long long count[64];

static void add_block(u64 mask, int cost) {
  int low = __builtin_ctzll(mask);
  if (nb[low] == cap[low]) { cap[low] = cap[low] ? 2 * cap[low] : 1024; by[low] = realloc(by[low], cap[low] * sizeof(blk)); }
  by[low][nb[low]++] = (blk){mask, cost};
}
static void blocks(int start, u64 mask, int cost, int k) {
  if (k == 6) { add_block(mask, cost); return; }
  for (int c = start; c <= 30 + k; c++) {
    int added = __builtin_popcountll(M[c] & mask);
    if (cost + added <= budget) blocks(c + 1, mask | (1ULL << c), cost + added, k + 1);
  }
}
static int by_cost(const void *a, const void *b) { return ((const blk *)a)->cost - ((const blk *)b)->cost; }
static void store(int cost) {
  if (np == pcap) { pcap = pcap ? 2 * pcap : 4096; pcost = realloc(pcost, pcap * sizeof(int)); psame = realloc(psame, (size_t)pcap * 36 * sizeof(u64)); }
  pcost[np] = cost;
  for (int k = 0; k < 6; k++)
    for (int i = 0; i < 36; i++)
      if (sol[k] >> i & 1) psame[(size_t)np * 36 + i] = sol[k] & ~(1ULL << i);
  np++;
  count[cost]++;
}
static void cover(u64 covered, int cost, int depth) {
  if (covered == FULL) { store(cost); return; }
  u64 free_cells = ~covered & FULL;
  int low = __builtin_ctzll(free_cells);
  for (int i = 0; i < nb[low]; i++) {
    blk b = by[low][i];
    if (cost + b.cost > budget) break;
    if (!(b.mask & covered)) { sol[depth] = b.mask; cover(covered | b.mask, cost + b.cost, depth + 1); }
  }
}
int main(int argc, char **argv) {
  budget = argc > 1 ? atoi(argv[1]) : 6;
  for (int i = 0; i < 36; i++)
    if (scanf("%llu", (unsigned long long *)&M[i]) != 1) return 2;
  blocks(0, 0, 0, 0);
  for (int i = 0; i < 36; i++)
    if (nb[i]) qsort(by[i], nb[i], sizeof(blk), by_cost);
  cover(0, 0, 0);
  printf("partitions");
  for (int c = 0; c <= budget; c++) printf(" %d:%lld", c, count[c]);
  long long checked = 0, at_most_8 = 0;
  int best = -1;
  for (int i = 0; i < np; i++)
    for (int j = 0; j < np; j++) {
      if (pcost[j] < pcost[i] || pcost[i] + pcost[j] > 8) continue;
      int x = 0;
      for (int k = 0; k < 36; k++) x += __builtin_popcountll(psame[(size_t)i * 36 + k] & psame[(size_t)j * 36 + k] & ~M[k]);
      int repeats = pcost[i] + pcost[j] + x / 2;
      checked++;
      if (repeats <= 8) at_most_8++;
      if (best < 0 || repeats < best) best = repeats;
    }
  printf("\npairs %lld at_most_8 %lld least %d\n", checked, at_most_8, best);
  return 0;
}
