/*
 * tickmark PRN kernel: the PRN of many records in one call, compiled to WebAssembly
 * (build-wasm.sh) and loaded by prn-batch.ts. Same function as prn.ts, without a JS string or a
 * native call per record:
 *
 *   prn = top 52 bits of SHA-256(prefix ++ text[start[r] .. end[r])) / 2^52
 *
 * where prefix is UTF-8(seed + U+001F) and the key bytes are a Latin-1 slice of the chunk text.
 * Messages of one block (prefix + key <= 55 bytes: nearly every key) are hashed four at a time,
 * one per 32-bit lane of a SIMD vector (compress4); longer ones one at a time (sha256_pair).
 * Latin-1 equals UTF-8 only for ASCII, so a key with a byte >= 0x80, an empty key, or a row whose
 * start is negative (null, or a literal cell) gets -1: the caller computes those rows itself.
 * No allocation, no libc; the caller lays the arrays out in linear memory above __heap_base.
 */
#include <stdint.h>
#include <wasm_simd128.h>

typedef uint32_t u32;
typedef uint8_t u8;

#include "sha256-k.h"

#define ROTR(x, n) (((x) >> (n)) | ((x) << (32 - (n))))

static void compress(u32 *h, const u8 *p) {
  u32 w[64];
  for (int i = 0; i < 16; i++) w[i] = (u32)p[4 * i] << 24 | (u32)p[4 * i + 1] << 16 | (u32)p[4 * i + 2] << 8 | p[4 * i + 3];
  for (int i = 16; i < 64; i++) {
    u32 s0 = ROTR(w[i - 15], 7) ^ ROTR(w[i - 15], 18) ^ (w[i - 15] >> 3);
    u32 s1 = ROTR(w[i - 2], 17) ^ ROTR(w[i - 2], 19) ^ (w[i - 2] >> 10);
    w[i] = w[i - 16] + s0 + w[i - 7] + s1;
  }
  u32 a = h[0], b = h[1], c = h[2], d = h[3], e = h[4], f = h[5], g = h[6], hh = h[7];
  for (int i = 0; i < 64; i++) {
    u32 t1 = hh + (ROTR(e, 6) ^ ROTR(e, 11) ^ ROTR(e, 25)) + ((e & f) ^ (~e & g)) + K[i] + w[i];
    u32 t2 = (ROTR(a, 2) ^ ROTR(a, 13) ^ ROTR(a, 22)) + ((a & b) ^ (a & c) ^ (b & c));
    hh = g; g = f; f = e; e = d + t1; d = c; c = b; b = a; a = t1 + t2;
  }
  h[0] += a; h[1] += b; h[2] += c; h[3] += d; h[4] += e; h[5] += f; h[6] += g; h[7] += hh;
}

/* SHA-256 of a ++ b; writes the first two state words (the digest's first 8 bytes). */
static void sha256_pair(const u8 *a, int alen, const u8 *b, int blen, u32 *out) {
  u32 h[8] = {0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};
  u8 block[64];
  int fill = 0;
  for (int i = 0; i < alen; i++) {
    block[fill++] = a[i];
    if (fill == 64) { compress(h, block); fill = 0; }
  }
  for (int i = 0; i < blen; i++) {
    block[fill++] = b[i];
    if (fill == 64) { compress(h, block); fill = 0; }
  }
  uint64_t bits = (uint64_t)(alen + blen) * 8;
  block[fill++] = 0x80;
  if (fill > 56) {
    while (fill < 64) block[fill++] = 0;
    compress(h, block);
    fill = 0;
  }
  while (fill < 56) block[fill++] = 0;
  for (int i = 7; i >= 0; i--) block[fill++] = (u8)(bits >> (8 * i));
  compress(h, block);
  out[0] = h[0];
  out[1] = h[1];
}

#define ROTR4(x, n) wasm_v128_or(wasm_u32x4_shr((x), (n)), wasm_i32x4_shl((x), 32 - (n)))
#define BE32(p) ((u32)(p)[0] << 24 | (u32)(p)[1] << 16 | (u32)(p)[2] << 8 | (p)[3])

/* Four one-block messages at once, one per 32-bit lane (multi-buffer SHA-256). */
static void compress4(const u8 *blocks, u32 *h0, u32 *h1) {
  v128_t w[64];
  /* Load 16 bytes of each lane, swap each word to big-endian, transpose 4×4: w[4j..4j+3]. */
  const v128_t bswap = wasm_i8x16_make(3, 2, 1, 0, 7, 6, 5, 4, 11, 10, 9, 8, 15, 14, 13, 12);
  for (int j = 0; j < 4; j++) {
    v128_t l0 = wasm_i8x16_swizzle(wasm_v128_load(blocks + 16 * j), bswap);
    v128_t l1 = wasm_i8x16_swizzle(wasm_v128_load(blocks + 64 + 16 * j), bswap);
    v128_t l2 = wasm_i8x16_swizzle(wasm_v128_load(blocks + 128 + 16 * j), bswap);
    v128_t l3 = wasm_i8x16_swizzle(wasm_v128_load(blocks + 192 + 16 * j), bswap);
    v128_t t0 = wasm_i32x4_shuffle(l0, l1, 0, 4, 1, 5); /* a0 b0 a1 b1 */
    v128_t t1 = wasm_i32x4_shuffle(l2, l3, 0, 4, 1, 5); /* c0 d0 c1 d1 */
    v128_t t2 = wasm_i32x4_shuffle(l0, l1, 2, 6, 3, 7); /* a2 b2 a3 b3 */
    v128_t t3 = wasm_i32x4_shuffle(l2, l3, 2, 6, 3, 7); /* c2 d2 c3 d3 */
    w[4 * j] = wasm_i32x4_shuffle(t0, t1, 0, 1, 4, 5);
    w[4 * j + 1] = wasm_i32x4_shuffle(t0, t1, 2, 3, 6, 7);
    w[4 * j + 2] = wasm_i32x4_shuffle(t2, t3, 0, 1, 4, 5);
    w[4 * j + 3] = wasm_i32x4_shuffle(t2, t3, 2, 3, 6, 7);
  }
  for (int i = 16; i < 64; i++) {
    v128_t x = w[i - 15], y = w[i - 2];
    v128_t s0 = wasm_v128_xor(wasm_v128_xor(ROTR4(x, 7), ROTR4(x, 18)), wasm_u32x4_shr(x, 3));
    v128_t s1 = wasm_v128_xor(wasm_v128_xor(ROTR4(y, 17), ROTR4(y, 19)), wasm_u32x4_shr(y, 10));
    w[i] = wasm_i32x4_add(wasm_i32x4_add(w[i - 16], s0), wasm_i32x4_add(w[i - 7], s1));
  }
  v128_t a = wasm_i32x4_splat(0x6a09e667), b = wasm_i32x4_splat(0xbb67ae85), c = wasm_i32x4_splat(0x3c6ef372), d = wasm_i32x4_splat(0xa54ff53a);
  v128_t e = wasm_i32x4_splat(0x510e527f), f = wasm_i32x4_splat(0x9b05688c), g = wasm_i32x4_splat(0x1f83d9ab), hh = wasm_i32x4_splat(0x5be0cd19);
  for (int i = 0; i < 64; i++) {
    v128_t s1 = wasm_v128_xor(wasm_v128_xor(ROTR4(e, 6), ROTR4(e, 11)), ROTR4(e, 25));
    v128_t ch = wasm_v128_xor(wasm_v128_and(e, f), wasm_v128_andnot(g, e));
    v128_t t1 = wasm_i32x4_add(wasm_i32x4_add(hh, s1), wasm_i32x4_add(ch, wasm_i32x4_add(wasm_i32x4_splat(K[i]), w[i])));
    v128_t s0 = wasm_v128_xor(wasm_v128_xor(ROTR4(a, 2), ROTR4(a, 13)), ROTR4(a, 22));
    v128_t maj = wasm_v128_xor(wasm_v128_xor(wasm_v128_and(a, b), wasm_v128_and(a, c)), wasm_v128_and(b, c));
    v128_t t2 = wasm_i32x4_add(s0, maj);
    hh = g; g = f; f = e; e = wasm_i32x4_add(d, t1); d = c; c = b; b = a; a = wasm_i32x4_add(t1, t2);
  }
  a = wasm_i32x4_add(a, wasm_i32x4_splat(0x6a09e667));
  b = wasm_i32x4_add(b, wasm_i32x4_splat(0xbb67ae85));
  h0[0] = wasm_i32x4_extract_lane(a, 0); h0[1] = wasm_i32x4_extract_lane(a, 1); h0[2] = wasm_i32x4_extract_lane(a, 2); h0[3] = wasm_i32x4_extract_lane(a, 3);
  h1[0] = wasm_i32x4_extract_lane(b, 0); h1[1] = wasm_i32x4_extract_lane(b, 1); h1[2] = wasm_i32x4_extract_lane(b, 2); h1[3] = wasm_i32x4_extract_lane(b, 3);
}

static double prn_of(u32 d0, u32 d1) {
  return ((double)d0 * 1048576.0 + (double)(d1 >> 12)) / 4503599627370496.0;
}

__attribute__((export_name("prn_spans")))
void prn_spans(const u8 *prefix, int prefix_len, const u8 *text, const int32_t *start, const int32_t *end, int rows, double *out) {
  u8 blocks[256] __attribute__((aligned(16)));
  int lane_row[4];
  int lanes = 0;
  u32 d[2], h0[4], h1[4];
  for (int r = 0; r < rows; r++) {
    int s = start[r], e = end[r];
    if (s < 0 || e <= s) { out[r] = -1; continue; }
    u8 high = 0;
    for (int i = s; i < e; i++) high |= text[i];
    if (high & 0x80) { out[r] = -1; continue; }
    int len = prefix_len + (e - s);
    if (len > 55) {
      sha256_pair(prefix, prefix_len, text + s, e - s, d);
      out[r] = prn_of(d[0], d[1]);
      continue;
    }
    /* One padded block in the next lane. */
    u8 *blk = blocks + 64 * lanes;
    int at = 0;
    for (int i = 0; i < prefix_len; i++) blk[at++] = prefix[i];
    for (int i = s; i < e; i++) blk[at++] = text[i];
    blk[at++] = 0x80;
    while (at < 62) blk[at++] = 0;
    u32 bits = (u32)len * 8;
    blk[62] = (u8)(bits >> 8);
    blk[63] = (u8)bits;
    lane_row[lanes++] = r;
    if (lanes == 4) {
      compress4(blocks, h0, h1);
      for (int l = 0; l < 4; l++) out[lane_row[l]] = prn_of(h0[l], h1[l]);
      lanes = 0;
    }
  }
  for (int l = 0; l < lanes; l++) {
    int r = lane_row[l];
    sha256_pair(prefix, prefix_len, text + start[r], end[r] - start[r], d);
    out[r] = prn_of(d[0], d[1]);
  }
}
