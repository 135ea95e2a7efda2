/*
 * tickmark PRN kernel, native: the same function as sha256-prn.c (the WebAssembly kernel), on the
 * CPU's SHA extensions (x86 SHA-NI). Built at `npm run build` by build-native.ts when a C compiler
 * and Node's headers are there; loaded by prn-batch.ts, which falls back to WebAssembly without it.
 *
 *   prn = top 52 bits of SHA-256(prefix ++ text[start[r] .. end[r])) / 2^52
 *
 * where prefix is UTF-8(seed + U+001F) and the key bytes are a Latin-1 slice of the chunk text.
 * Contract, shared with the WebAssembly kernel: a key with a byte >= 0x80 (its Latin-1 is not its
 * UTF-8), an empty key, or a row whose start is negative (null, or a literal cell) gets -1, and
 * the caller computes those rows itself.
 *
 * One-block messages (prefix + key <= 55 bytes: nearly every key) are hashed four at a time,
 * interleaved so that the SHA round instructions of independent messages overlap; longer ones
 * block by block. No allocation; the JS arrays are read and written in place.
 *
 * With `threads` > 1, the rows are cut into shares of SHARE rows that the calling thread and
 * threads - 1 helper threads claim one at a time until none is left: each row's PRN is computed
 * alone, so the output is the same whoever computes it, and a helper the system does not run
 * soon leaves its shares to the others. The call returns when every share is done.
 *
 * JS API: prnSpans(prefix: Uint8Array, text: Uint8Array, start: Int32Array, end: Int32Array,
 *                  rows: number, out: Float64Array, threads?: number): void;
 *         shaNi: boolean (false: do not call).
 */
#define NAPI_VERSION 8
#include <node_api.h>
#include <stdint.h>
#include <string.h>
#include <cpuid.h>
#include <immintrin.h>
#include <pthread.h>
#include <stdatomic.h>

typedef uint32_t u32;
typedef uint8_t u8;

#include "sha256-k.h"

#define SHA __attribute__((target("sha,sse4.1,ssse3")))
/* The initial state as the SHA instructions hold it: ABEF and CDGH. */
#define INIT_ABEF _mm_set_epi32(0x6a09e667, 0xbb67ae85, 0x510e527f, 0x9b05688c)
#define INIT_CDGH _mm_set_epi32(0x3c6ef372, 0xa54ff53a, 0x1f83d9ab, 0x5be0cd19)
#define BSWAP32 _mm_set_epi64x(0x0c0d0e0f08090a0bULL, 0x0405060700010203ULL)

/* N independent blocks, one compression each, rounds interleaved across the N messages. */
#define COMPRESS_N(NAME, N)                                                                          \
  SHA static void NAME(__m128i *abef, __m128i *cdgh, const u8 *blocks) {                             \
    __m128i m[N][4], a0[N], c0[N];                                                                   \
    for (int j = 0; j < N; j++) {                                                                    \
      a0[j] = abef[j];                                                                               \
      c0[j] = cdgh[j];                                                                               \
      for (int q = 0; q < 4; q++)                                                                    \
        m[j][q] = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(blocks + 64 * j + 16 * q)), BSWAP32); \
    }                                                                                                \
    _Pragma("GCC unroll 16") for (int r = 0; r < 16; r++) {                                          \
      const int q = r & 3;                                                                           \
      const __m128i k = _mm_load_si128((const __m128i *)(K + 4 * r));                                \
      _Pragma("GCC unroll 4") for (int j = 0; j < N; j++) {                                          \
        if (r >= 4) {                                                                                \
          __m128i w = _mm_sha256msg1_epu32(m[j][q], m[j][(q + 1) & 3]);                              \
          w = _mm_add_epi32(w, _mm_alignr_epi8(m[j][(q + 3) & 3], m[j][(q + 2) & 3], 4));            \
          m[j][q] = _mm_sha256msg2_epu32(w, m[j][(q + 3) & 3]);                                      \
        }                                                                                            \
        __m128i msg = _mm_add_epi32(m[j][q], k);                                                     \
        cdgh[j] = _mm_sha256rnds2_epu32(cdgh[j], abef[j], msg);                                      \
        abef[j] = _mm_sha256rnds2_epu32(abef[j], cdgh[j], _mm_shuffle_epi32(msg, 0x0E));             \
      }                                                                                              \
    }                                                                                                \
    for (int j = 0; j < N; j++) {                                                                    \
      abef[j] = _mm_add_epi32(abef[j], a0[j]);                                                       \
      cdgh[j] = _mm_add_epi32(cdgh[j], c0[j]);                                                       \
    }                                                                                                \
  }
COMPRESS_N(compress1, 1)
COMPRESS_N(compress4, 4)

SHA static double prn_of(__m128i abef) {
  const u32 d0 = (u32)_mm_extract_epi32(abef, 3), d1 = (u32)_mm_extract_epi32(abef, 2);
  return ((double)d0 * 1048576.0 + (double)(d1 >> 12)) / 4503599627370496.0;
}

/* SHA-256 of a ++ b, any length, block by block. */
SHA static double prn_long(const u8 *a, int alen, const u8 *b, int blen) {
  __m128i abef = INIT_ABEF, cdgh = INIT_CDGH;
  u8 block[64];
  int fill = 0;
  for (int i = 0; i < alen + blen; i++) {
    block[fill++] = i < alen ? a[i] : b[i - alen];
    if (fill == 64) { compress1(&abef, &cdgh, block); fill = 0; }
  }
  const uint64_t bits = (uint64_t)(alen + blen) * 8;
  block[fill++] = 0x80;
  if (fill > 56) {
    memset(block + fill, 0, 64 - fill);
    compress1(&abef, &cdgh, block);
    fill = 0;
  }
  memset(block + fill, 0, 56 - fill);
  for (int i = 0; i < 8; i++) block[56 + i] = (u8)(bits >> (56 - 8 * i));
  compress1(&abef, &cdgh, block);
  return prn_of(abef);
}

SHA static void prn_spans(const u8 *prefix, int prefix_len, const u8 *text, const int32_t *start, const int32_t *end, int rows, double *out) {
  u8 blocks[256] __attribute__((aligned(16)));
  int lane_row[4];
  int lanes = 0;
  for (int r = 0; r < rows; r++) {
    const int s = start[r], e = end[r];
    if (s < 0 || e <= s) { out[r] = -1; continue; }
    u8 high = 0;
    for (int i = s; i < e; i++) high |= text[i];
    if (high & 0x80) { out[r] = -1; continue; }
    const int len = prefix_len + (e - s);
    if (len > 55) { out[r] = prn_long(prefix, prefix_len, text + s, e - s); continue; }
    /* One padded block in the next lane. */
    u8 *blk = blocks + 64 * lanes;
    memcpy(blk, prefix, prefix_len);
    memcpy(blk + prefix_len, text + s, e - s);
    blk[len] = 0x80;
    memset(blk + len + 1, 0, 62 - (len + 1));
    const u32 bits = (u32)len * 8;
    blk[62] = (u8)(bits >> 8);
    blk[63] = (u8)bits;
    lane_row[lanes++] = r;
    if (lanes == 4) {
      __m128i abef[4] = {INIT_ABEF, INIT_ABEF, INIT_ABEF, INIT_ABEF}, cdgh[4] = {INIT_CDGH, INIT_CDGH, INIT_CDGH, INIT_CDGH};
      compress4(abef, cdgh, blocks);
      for (int l = 0; l < 4; l++) out[lane_row[l]] = prn_of(abef[l]);
      lanes = 0;
    }
  }
  for (int l = 0; l < lanes; l++) {
    __m128i abef = INIT_ABEF, cdgh = INIT_CDGH;
    compress1(&abef, &cdgh, blocks + 64 * l);
    out[lane_row[l]] = prn_of(abef);
  }
}

/* Rows per share of a call split across threads, and the most threads one call uses. */
#define SHARE 4096
#define MAX_THREADS 8

typedef struct {
  const u8 *prefix;
  int prefix_len;
  const u8 *text;
  const int32_t *start, *end;
  int rows;
  double *out;
  atomic_int next;
} shares_t;

/* Claim and compute shares until none is left. */
SHA static void run_shares(shares_t *j) {
  for (;;) {
    const int from = atomic_fetch_add(&j->next, SHARE);
    if (from >= j->rows) return;
    const int n = j->rows - from < SHARE ? j->rows - from : SHARE;
    prn_spans(j->prefix, j->prefix_len, j->text, j->start + from, j->end + from, n, j->out + from);
  }
}

static void *share_helper(void *arg) {
  run_shares(arg);
  return NULL;
}

/* prn_spans over `threads` threads (this one included); a helper that cannot be started leaves its shares to the rest. */
static void prn_spans_threads(const u8 *prefix, int prefix_len, const u8 *text, const int32_t *start, const int32_t *end, int rows, double *out, int threads) {
  shares_t j = {prefix, prefix_len, text, start, end, rows, out, 0};
  if (threads > MAX_THREADS) threads = MAX_THREADS;
  if (threads > (rows + SHARE - 1) / SHARE) threads = (rows + SHARE - 1) / SHARE;
  pthread_t helpers[MAX_THREADS];
  int started = 0;
  for (int t = 1; t < threads; t++) {
    if (pthread_create(&helpers[started], NULL, share_helper, &j) == 0) started++;
  }
  run_shares(&j);
  for (int t = 0; t < started; t++) pthread_join(helpers[t], NULL);
}

/* SHA (CPUID leaf 7, EBX bit 29), SSSE3 and SSE4.1 (leaf 1, ECX bits 9 and 19). */
static int cpu_has_sha(void) {
  unsigned a, b, c, d;
  if (!__get_cpuid(1, &a, &b, &c, &d) || !(c & (1u << 9)) || !(c & (1u << 19))) return 0;
  if (!__get_cpuid_count(7, 0, &a, &b, &c, &d)) return 0;
  return (b >> 29) & 1;
}

static int typed(napi_env env, napi_value v, napi_typedarray_type want, void **data, size_t *length) {
  napi_typedarray_type type;
  napi_value buffer;
  size_t offset;
  if (napi_get_typedarray_info(env, v, &type, length, data, &buffer, &offset) != napi_ok || type != want) {
    napi_throw_type_error(env, NULL, "prnSpans: wrong argument type");
    return 0;
  }
  return 1;
}

static napi_value js_prn_spans(napi_env env, napi_callback_info info) {
  size_t argc = 7;
  napi_value argv[7];
  if (napi_get_cb_info(env, info, &argc, argv, NULL, NULL) != napi_ok || argc < 6) {
    napi_throw_type_error(env, NULL, "prnSpans: six arguments expected");
    return NULL;
  }
  void *prefix, *text, *start, *end, *out;
  size_t prefix_len, text_len, start_len, end_len, out_len;
  int32_t rows;
  if (!typed(env, argv[0], napi_uint8_array, &prefix, &prefix_len) || !typed(env, argv[1], napi_uint8_array, &text, &text_len) ||
      !typed(env, argv[2], napi_int32_array, &start, &start_len) || !typed(env, argv[3], napi_int32_array, &end, &end_len) ||
      !typed(env, argv[5], napi_float64_array, &out, &out_len))
    return NULL;
  if (napi_get_value_int32(env, argv[4], &rows) != napi_ok || rows < 0 || (size_t)rows > start_len || (size_t)rows > end_len || (size_t)rows > out_len) {
    napi_throw_range_error(env, NULL, "prnSpans: rows out of range");
    return NULL;
  }
  /* Every span must lie inside the text: the kernel reads it without further checks. */
  const int32_t *s = start, *e = end;
  for (int32_t r = 0; r < rows; r++) {
    if (s[r] >= 0 && e[r] > s[r] && (size_t)e[r] > text_len) {
      napi_throw_range_error(env, NULL, "prnSpans: span outside the text");
      return NULL;
    }
  }
  int32_t threads = 1;
  napi_valuetype kind = napi_undefined;
  if (argc > 6 && napi_typeof(env, argv[6], &kind) == napi_ok && kind != napi_undefined &&
      (napi_get_value_int32(env, argv[6], &threads) != napi_ok || threads < 1)) {
    napi_throw_range_error(env, NULL, "prnSpans: threads must be a positive integer");
    return NULL;
  }
  if (threads > 1) prn_spans_threads(prefix, (int)prefix_len, text, s, e, rows, out, threads);
  else prn_spans(prefix, (int)prefix_len, text, s, e, rows, out);
  return NULL;
}

NAPI_MODULE_INIT() {
  napi_value fn, flag;
  const int sha = cpu_has_sha();
  napi_get_boolean(env, sha, &flag);
  napi_set_named_property(env, exports, "shaNi", flag);
  if (sha) {
    napi_create_function(env, "prnSpans", NAPI_AUTO_LENGTH, js_prn_spans, NULL, &fn);
    napi_set_named_property(env, exports, "prnSpans", fn);
  }
  return exports;
}
