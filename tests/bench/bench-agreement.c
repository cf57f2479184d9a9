/* bench-agreement.c: agreement reports on a large synthetic project
 *
 * Builds (once, or reuses with --project) a project of 1,000 documents of
 * 20,000 characters, 10 coders, 50 codes and 200,000 codings, then runs the
 * full report of every unit (with its 1,000 bootstrap samples) in a child
 * process of its own, so each peak memory is that unit's, next to a
 * straightforward per-character (or all-pairs) computation of the same
 * numbers, and prints a table: wall clock and CPU time, the peak resident
 * and anonymous memory. Then `gloss-cli load` of the same 200,000 codings
 * beside a walk to each quote from the start of its text and beside
 * SQLite's own bulk insert of the same rows (one transaction, one prepared
 * statement), and the char and unitized units again on the project at 2x
 * and 4x its documents and codings, with the ratios to 1x.
 * BENCH_GLOSS_ONLY=1 leaves out the slow per-character quote walk.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <glib/gstdio.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <sqlite3.h>
#include <sys/resource.h>
#include <unistd.h>

#include "gloss-core.h"
#include "gloss-agreement-bootstrap.h"
#include "gloss-agreement-report.h"
#include "gloss-char-units.h"
#include "gloss-unitizing.h"

#define N_DOCUMENTS 1000
#define DOC_LENGTH  20000
#define N_CODERS    10
#define N_CODES     50
#define N_CODINGS   200000

/* Building the project */

static char *
random_text (GRand *rand,
             gsize  length)
{
  static const char *words[] = { "policy", "the", "of", "rights", "labour", "and", "a",
                                 "environment", "to", "company", "report", "in" };
  GString *text = g_string_sized_new (length + 16);

  while (text->len < length)
    {
      g_string_append (text, words[g_rand_int_range (rand, 0, G_N_ELEMENTS (words))]);
      g_string_append_c (text, g_rand_int_range (rand, 0, 12) == 0 ? '\n' : ' ');
    }
  g_string_truncate (text, length);
  return g_string_free (text, FALSE);
}

static gint64
jitter (GRand *rand,
        gint64 x)
{
  return x + g_rand_int_range (rand, -6, 7);
}

/* Each document has "true" passages; every coder codes most of them with
 * its boundaries a little off, and adds a few passages of its own. */
static gboolean
add_codings (GlossProject *project,
             GRand        *rand,
             guint         n_documents,
             const gint64 *documents,
             const gint64 *coders,
             const gint64 *codes,
             GError      **error)
{
  guint per_document = N_CODINGS / N_DOCUMENTS;   /* 200 */
  guint passages = per_document / N_CODERS * 10 / 9;

  if (!gloss_project_begin_step (project, "bench codings", error))
    return FALSE;
  for (guint d = 0; d < n_documents; d++)
    {
      guint made = 0;

      for (guint p = 0; p < passages && made < per_document; p++)
        {
          gint64 start = g_rand_int_range (rand, 10, DOC_LENGTH - 600);
          gint64 end = start + g_rand_int_range (rand, 20, 500);
          guint code = g_rand_int_range (rand, 0, N_CODES);

          for (guint c = 0; c < N_CODERS && made < per_document; c++)
            {
              gint64 s = start, e = end;
              guint k = code;

              if (g_rand_int_range (rand, 0, 10) == 0)        /* a passage of its own */
                {
                  s = g_rand_int_range (rand, 10, DOC_LENGTH - 600);
                  e = s + g_rand_int_range (rand, 20, 500);
                }
              else if (g_rand_int_range (rand, 0, 10) == 0)   /* another code */
                k = g_rand_int_range (rand, 0, N_CODES);
              if (g_rand_int_range (rand, 0, 3) != 0)
                {
                  s = jitter (rand, s);
                  e = jitter (rand, e);
                }
              if (gloss_project_add_coding (project, documents[d], coders[c], codes[k],
                                            s, e, NULL, error) == 0)
                {
                  gloss_project_abort_step (project);
                  return FALSE;
                }
              made++;
            }
        }
    }
  return gloss_project_end_step (project, error);
}

static gboolean
build_project (const char  *path,
               guint        n_documents,
               GError     **error)
{
  g_autoptr(GlossProject) project = gloss_project_create (path, "Agreement benchmark", error);
  g_autoptr(GRand) rand = g_rand_new_with_seed (2024);
  g_autofree gint64 *documents = g_new0 (gint64, n_documents);
  gint64 coders[N_CODERS], codes[N_CODES];

  if (project == NULL)
    return FALSE;
  for (guint d = 0; d < n_documents; d++)
    {
      g_autofree char *text = random_text (rand, DOC_LENGTH);
      g_autofree char *title = g_strdup_printf ("doc%04u.txt", d);

      documents[d] = gloss_project_import_text (project, title, text, -1, error);
      if (documents[d] == 0)
        return FALSE;
    }
  for (guint c = 0; c < N_CODERS; c++)
    {
      g_autofree char *name = g_strdup_printf ("coder%u", c);

      if ((coders[c] = gloss_project_add_coder (project, name, NULL, error)) == 0)
        return FALSE;
    }
  for (guint k = 0; k < N_CODES; k++)
    {
      g_autofree char *code_path = g_strdup_printf ("Code %02u", k);

      if ((codes[k] = gloss_project_ensure_code_path (project, code_path, NULL, NULL, error)) == 0)
        return FALSE;
    }
  return add_codings (project, rand, n_documents, documents, coders, codes, error);
}

/* The straightforward computations */

typedef struct
{
  guint  document;
  guint  coder;
  guint  code;
  gint64 start;
  gint64 end;
} Coding;

typedef struct
{
  guint     n_documents;
  gint64   *lengths;   /* per document */
  GArray   *codings;   /* Coding */
} Data;


static int
compare_codings (const void *x,
                 const void *y)
{
  const Coding *p = x, *q = y;

  if (p->document != q->document)
    return p->document < q->document ? -1 : 1;
  if (p->code != q->code)
    return p->code < q->code ? -1 : 1;
  if (p->coder != q->coder)
    return p->coder < q->coder ? -1 : 1;
  if (p->start != q->start)
    return p->start < q->start ? -1 : 1;
  return (p->end > q->end) - (p->end < q->end);
}

static void
data_load (GlossProject *project,
           Data         *data)
{
  g_autoptr(GPtrArray) documents = gloss_project_list_documents (project, NULL);
  g_autoptr(GPtrArray) coders = gloss_project_list_coders (project, NULL);
  g_autoptr(GPtrArray) codes = gloss_project_list_codes (project, NULL);
  g_autoptr(GPtrArray) codings = gloss_project_list_codings (project, NULL, NULL);
  g_autoptr(GHashTable) index = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GHashTable) code_index = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GHashTable) coder_index = g_hash_table_new (g_int64_hash, g_int64_equal);
  guint n_codes = 0;

  data->n_documents = documents->len;
  data->lengths = g_new0 (gint64, documents->len);
  for (guint d = 0; d < documents->len; d++)
    {
      GlossDocumentInfo *info = documents->pdata[d];

      data->lengths[d] = info->n_chars;
      g_hash_table_insert (index, &info->id, GUINT_TO_POINTER (d + 1));
    }
  for (guint c = 0; c < coders->len; c++)
    g_hash_table_insert (coder_index, &((GlossCoder *) coders->pdata[c])->id, GUINT_TO_POINTER (c + 1));
  for (guint k = 0; k < codes->len; k++)
    g_hash_table_insert (code_index, &((GlossCode *) codes->pdata[k])->id, GUINT_TO_POINTER (++n_codes));
  data->codings = g_array_new (FALSE, FALSE, sizeof (Coding));
  for (guint i = 0; i < codings->len; i++)
    {
      GlossCoding *c = codings->pdata[i];
      Coding coding = {
        GPOINTER_TO_UINT (g_hash_table_lookup (index, &c->document_id)) - 1,
        GPOINTER_TO_UINT (g_hash_table_lookup (coder_index, &c->coder_id)) - 1,
        GPOINTER_TO_UINT (g_hash_table_lookup (code_index, &c->code_id)) - 1,
        c->start, c->end,
      };

      g_array_append_val (data->codings, coding);
    }
  g_array_sort (data->codings, compare_codings);
}

/* Sums over binary units of m coders with no missing value: the measures
 * of agreement.md section 1 written out for that case. */
typedef struct
{
  double units;
  double agree;     /* sum of P_u */
  double ones;      /* sum of n_u1 */
  double ones_sq;   /* sum of n_u1 (m - n_u1), for alpha */
} BinarySums;

static void
binary_add (BinarySums *s,
            guint       n1,
            guint       m,
            double      weight)
{
  double n0 = m - n1;

  s->units += weight;
  s->agree += weight * (n1 * (n1 - 1.0) + n0 * (n0 - 1)) / (m * (m - 1.0));
  s->ones += weight * n1;
  s->ones_sq += weight * n1 * n0;
}

static void
binary_measures (const BinarySums *s,
                 guint             m,
                 double           *percent,
                 double           *fleiss,
                 double           *alpha)
{
  double p = s->ones / (s->units * m), p_e = p * p + (1 - p) * (1 - p);
  double n = s->units * m, n1 = s->ones, n0 = n - n1;
  double observed = 2 * s->ones_sq / (m - 1.0);   /* o_01 + o_10 */

  *percent = s->agree / s->units;
  *fleiss = (*percent - p_e) / (1 - p_e);
  *alpha = 1 - (n - 1) * observed / (2 * n1 * n0);
}

static gboolean
close_to (double a,
          double b)
{
  return fabs (a - b) <= 1e-9 * MAX (1.0, fabs (b));
}

static gboolean
agree_binary (const GlossAgreementReport *report,
              const BinarySums           *s)
{
  double percent, fleiss, alpha;

  binary_measures (s, N_CODERS, &percent, &fleiss, &alpha);
  if (g_getenv ("BENCH_VERBOSE"))
    g_printerr ("units %.17g %.17g\npercent %.17g %.17g\nfleiss %.17g %.17g\nalpha %.17g %.17g\n",
                report->overall.units, s->units,
                report->overall.values[GLOSS_MEASURE_PERCENT_AGREEMENT].value, percent,
                report->overall.values[GLOSS_MEASURE_FLEISS_KAPPA].value, fleiss,
                report->overall.values[GLOSS_MEASURE_KRIPPENDORFF_ALPHA].value, alpha);
  return close_to (report->overall.units, s->units)
         && close_to (report->overall.values[GLOSS_MEASURE_PERCENT_AGREEMENT].value, percent)
         && close_to (report->overall.values[GLOSS_MEASURE_FLEISS_KAPPA].value, fleiss)
         && close_to (report->overall.values[GLOSS_MEASURE_KRIPPENDORFF_ALPHA].value, alpha);
}

/* char: paint every coding on a per-character array, then count. */
static gboolean
baseline_char (Data                       *data,
               const GlossAgreementReport *report)
{
  BinarySums sums = { 0 };
  gint64 histogram[N_CODERS + 1] = { 0 };
  guint i = 0;

  for (guint d = 0; d < data->n_documents; d++)
    {
      gint64 L = data->lengths[d];
      g_autofree guint16 *masks = g_new0 (guint16, (gsize) L * N_CODES);

      for (; i < data->codings->len && g_array_index (data->codings, Coding, i).document == d; i++)
        {
          Coding *c = &g_array_index (data->codings, Coding, i);

          for (gint64 x = MAX (c->start, 0); x < MIN (c->end, L); x++)
            masks[x * N_CODES + c->code] |= 1 << c->coder;
        }
      for (gint64 x = 0; x < L * N_CODES; x++)
        histogram[__builtin_popcount (masks[x])]++;
    }
  /* counted exactly, summed once: a billion additions of doubles would not be exact */
  for (guint n1 = 0; n1 <= N_CODERS; n1++)
    binary_add (&sums, n1, N_CODERS, histogram[n1]);
  return agree_binary (report, &sums);
}

/* document without a group: a presence table per document and code. */
static gboolean
baseline_document (Data                       *data,
                   const GlossAgreementReport *report)
{
  g_autofree guint16 *masks = g_new0 (guint16, (gsize) data->n_documents * N_CODES);
  BinarySums sums = { 0 };

  for (guint i = 0; i < data->codings->len; i++)
    {
      Coding *c = &g_array_index (data->codings, Coding, i);

      if (c->end > c->start)
        masks[c->document * N_CODES + c->code] |= 1 << c->coder;
    }
  for (guint x = 0; x < data->n_documents * N_CODES; x++)
    binary_add (&sums, __builtin_popcount (masks[x]), N_CODERS, 1);
  return agree_binary (report, &sums);
}

/* segment: every pair of codings compared, then the closest pairs first. */
typedef struct
{
  guint  a, b;
  double overlap;
} Candidate;

static int
compare_candidates (const void *x,
                    const void *y)
{
  const Candidate *p = x, *q = y;

  if (p->overlap != q->overlap)
    return p->overlap > q->overlap ? -1 : 1;
  if (p->a != q->a)
    return p->a < q->a ? -1 : 1;
  return (p->b > q->b) - (p->b < q->b);
}

static gint64
match_all_pairs (const Coding *a,
                 guint         n_a,
                 const Coding *b,
                 guint         n_b,
                 double        threshold)
{
  g_autoptr(GArray) candidates = g_array_new (FALSE, FALSE, sizeof (Candidate));
  g_autofree gboolean *used_a = g_new0 (gboolean, n_a + 1);
  g_autofree gboolean *used_b = g_new0 (gboolean, n_b + 1);
  gint64 matched = 0;

  for (guint i = 0; i < n_a; i++)
    for (guint j = 0; j < n_b; j++)
      {
        double both = MIN (a[i].end, b[j].end) - MAX (a[i].start, b[j].start);
        double either = MAX (a[i].end, b[j].end) - MIN (a[i].start, b[j].start);

        if (both > 0 && both / either >= threshold)
          g_array_append_vals (candidates, &(Candidate) { i, j, both / either }, 1);
      }
  qsort (candidates->data, candidates->len, sizeof (Candidate), compare_candidates);
  for (guint k = 0; k < candidates->len; k++)
    {
      Candidate *c = &g_array_index (candidates, Candidate, k);

      if (!used_a[c->a] && !used_b[c->b])
        {
          used_a[c->a] = used_b[c->b] = TRUE;
          matched++;
        }
    }
  return matched;
}

static gboolean
baseline_segment (Data                       *data,
                  const GlossAgreementReport *report)
{
  g_autoptr(GArray) codings = g_array_copy (data->codings);
  Coding *c = (Coding *) codings->data;
  gint64 matched[N_CODERS][N_CODERS] = { { 0 } }, count[N_CODERS] = { 0 };
  double percent = 0, holsti = 0, total_matched = 0;
  guint n = 0, first = 0;

  qsort (c, codings->len, sizeof (Coding), compare_codings);
  while (first < codings->len)
    {
      guint last = first, start[N_CODERS + 1] = { 0 };

      while (last < codings->len && c[last].document == c[first].document && c[last].code == c[first].code)
        last++;
      for (guint i = first; i < last; i++)
        {
          start[c[i].coder + 1]++;
          count[c[i].coder]++;
        }
      for (guint i = 0; i < N_CODERS; i++)
        start[i + 1] += start[i];
      for (guint a = 0; a < N_CODERS; a++)
        for (guint b = a + 1; b < N_CODERS; b++)
          matched[a][b] += match_all_pairs (c + first + start[a], start[a + 1] - start[a],
                                            c + first + start[b], start[b + 1] - start[b], 0.9);
      first = last;
    }
  for (guint a = 0; a < N_CODERS; a++)
    for (guint b = a + 1; b < N_CODERS; b++)
      {
        double m = matched[a][b], u = count[a] + count[b] - 2 * m;

        percent += m / (m + u);
        holsti += 2 * m / (count[a] + count[b]);
        total_matched += m;
        n++;
      }
  return report->overall.matched == (gint64) total_matched
         && close_to (report->overall.values[GLOSS_MEASURE_PERCENT_AGREEMENT].value, percent / n)
         && close_to (report->overall.values[GLOSS_MEASURE_HOLSTI].value, holsti / n);
}

/* unitized: the 2016 coincidences character by character, over the
 * documents end to end. */
static gboolean
baseline_unitized (Data                       *data,
                   const GlossAgreementReport *report)
{
  guint K = N_CODES + 1, m = N_CODERS;
  g_autofree double *l = g_new0 (double, K * K);
  double C[N_CODES + 1] = { 0 }, row[N_CODES + 1] = { 0 };
  double total = 0, squares = 0, correction = 0, observed = 0;
  g_autoptr(GArray) codings = g_array_copy (data->codings);
  Coding *c = (Coding *) codings->data;

  qsort (c, codings->len, sizeof (Coding), compare_codings);
  for (guint d = 0, i = 0; d < data->n_documents; d++)
    {
      gint64 L = data->lengths[d];
      g_autofree guint64 *sets = g_new0 (guint64, (gsize) L * m);   /* codes of a coder at x */

      for (; i < codings->len && c[i].document == d; i++)
        for (gint64 x = MAX (c[i].start, 0); x < MIN (c[i].end, L); x++)
          sets[x * m + c[i].coder] |= (guint64) 1 << c[i].code;
      for (gint64 x = 0; x < L; x++)
        {
          guint n_c[N_CODES + 1] = { 0 }, active[N_CODES + 1], n_active = 0;

          for (guint i_coder = 0; i_coder < m; i_coder++)
            {
              guint64 set = sets[x * m + i_coder];

              if (set == 0)
                n_c[N_CODES]++;
              for (guint k = 0; set != 0; k++, set >>= 1)
                n_c[k] += set & 1;
            }
          for (guint k = 0; k < K; k++)
            if (n_c[k] > 0)
              active[n_active++] = k;
          /* a coder holding two codes at once does not pair with itself */
          for (guint i_coder = 0; i_coder < m; i_coder++)
            {
              guint64 set = sets[x * m + i_coder];

              if (__builtin_popcountll (set) < 2)
                continue;
              for (guint64 sa = set; sa != 0; sa &= sa - 1)
                for (guint64 sb = set; sb != 0; sb &= sb - 1)
                  {
                    guint a = __builtin_ctzll (sa), b = __builtin_ctzll (sb);

                    if (a != b)
                      l[a * K + b] -= 1.0 / (m - 1);
                  }
            }
          for (guint a = 0; a < n_active; a++)
            for (guint b = 0; b < n_active; b++)
              l[active[a] * K + active[b]] += (double) n_c[active[a]]
                                              * (n_c[active[b]] - (a == b)) / (m - 1);
          C[N_CODES] += n_c[N_CODES];
        }
    }
  /* self-pairing: squared lengths of each coder's merged segments */
  for (guint i = 0; i < codings->len;)
    {
      gint64 start = MAX (c[i].start, 0), end = MIN (c[i].end, data->lengths[c[i].document]);
      guint j = i + 1;

      for (; j < codings->len && c[j].document == c[i].document && c[j].code == c[i].code
             && c[j].coder == c[i].coder && c[j].start < end; j++)
        end = MAX (end, c[j].end);
      C[c[i].code] += (double) (end - start) * (end - start);
      i = j;
    }
  for (guint a = 0; a < K; a++)
    {
      for (guint b = 0; b < K; b++)
        {
          row[a] += l[a * K + b];
          if (a != b)
            observed += l[a * K + b];
        }
      total += row[a];
      squares += row[a] * row[a];
      correction += C[a];
    }
  return close_to (report->overall.values[GLOSS_MEASURE_U_ALPHA_2016].value,
                   1 - observed / ((total * total - squares) / (total - correction / total)));
}

/* One unit in a process of its own */

/* User and system time of this process: the figure that a busy machine
 * does not inflate. */
static double
cpu_seconds (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_utime.tv_sec + usage.ru_utime.tv_usec / 1e6 + usage.ru_stime.tv_sec + usage.ru_stime.tv_usec / 1e6;
}

static double
peak_rss_mb (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_maxrss / 1024.0;
}

/* The peak of the anonymous memory (resident minus file-backed pages):
 * the mapped project file counts in the RSS, but it is the page cache's. */
typedef struct
{
  volatile gboolean stop;
  double            peak_mb;
} Sampler;

static double
anon_mb (void)
{
  long size = 0, resident = 0, shared = 0;
  FILE *f = fopen ("/proc/self/statm", "r");

  if (f == NULL)
    return 0;
  if (fscanf (f, "%ld %ld %ld", &size, &resident, &shared) != 3)
    resident = shared = 0;
  fclose (f);
  return (resident - shared) * (double) sysconf (_SC_PAGESIZE) / (1024 * 1024);
}

static gpointer
sample_memory (gpointer data)
{
  Sampler *sampler = data;

  while (!sampler->stop)
    {
      sampler->peak_mb = MAX (sampler->peak_mb, anon_mb ());
      g_usleep (2000);
    }
  return NULL;
}

/* What the report itself holds, in MB: its disagreements with their
 * values and versions (offsets: their text is read when shown), and its
 * rows. It grows with the documents whatever the computation's working set. */
static double
report_mb (const GlossAgreementReport *report)
{
  double bytes = 0;
  guint m = report->coders->len;

  for (guint i = 0; i < report->disagreements->len; i++)
    {
      const GlossAgreementDisagreement *d = &g_array_index (report->disagreements, GlossAgreementDisagreement, i);

      bytes += sizeof *d + (d->versions ? m * sizeof (guint) : 0);
    }
  /* the lists of values are shared by the disagreements that have the same */
  bytes += g_hash_table_size (report->value_lists) * m * sizeof (char *);
  bytes += report->versions->len * sizeof (GlossAgreementVersion);
  bytes += (report->codes->len + report->documents->len) * sizeof (GlossAgreementRow)
           + report->pairs->len * sizeof (GlossAgreementPair);
  return bytes / (1024 * 1024);
}

static int
run_child (const char *unit_name,
           const char *path,
           const char *results)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossProject) project = gloss_project_open (path, &error);
  g_autoptr(GlossAgreementOptions) options = NULL;
  g_autoptr(GlossAgreementReport) report = NULL;
  g_autoptr(GlossAgreementReport) unsampled = NULL;
  GlossAgreementUnit unit;
  gint64 t0, t1, t2;
  double rss, cpu0, cpu1, cpu2, baseline;
  Data data = { 0 };
  gboolean agree = FALSE;
  Sampler sampler = { FALSE, 0 };
  GThread *thread;

  if (project == NULL || !gloss_agreement_unit_from_string (unit_name, &unit))
    g_error ("cannot run %s on %s: %s", unit_name, path, error ? error->message : "bad unit");
  options = gloss_agreement_options_new (unit);

  sampler.peak_mb = anon_mb ();
  thread = g_thread_new ("memory", sample_memory, &sampler);
  cpu0 = cpu_seconds ();
  t0 = g_get_monotonic_time ();
  report = gloss_agreement_report_compute (project, options, NULL, &error);
  t1 = g_get_monotonic_time ();
  cpu1 = cpu_seconds ();
  sampler.stop = TRUE;
  g_thread_join (thread);
  rss = peak_rss_mb ();
  if (report == NULL)
    g_error ("%s", error->message);
  /* the same report without the bootstrap, for its share */
  options->samples = 0;
  unsampled = gloss_agreement_report_compute (project, options, NULL, &error);
  cpu2 = cpu_seconds ();

  data_load (project, &data);
  t2 = g_get_monotonic_time ();
  switch (unit)
    {
    case GLOSS_AGREEMENT_UNIT_DOCUMENT: agree = baseline_document (&data, report); break;
    case GLOSS_AGREEMENT_UNIT_CHAR:     agree = baseline_char (&data, report); break;
    case GLOSS_AGREEMENT_UNIT_SEGMENT:  agree = baseline_segment (&data, report); break;
    case GLOSS_AGREEMENT_UNIT_UNITIZED: agree = baseline_unitized (&data, report); break;
    default: break;
    }
  baseline = (g_get_monotonic_time () - t2) / 1e6;
  printf ("%-9s %10.3f %9.3f %12.1f %12.1f %14.3f %7s %14u %16.3f\n", unit_name, (t1 - t0) / 1e6, cpu1 - cpu0,
          rss, sampler.peak_mb, baseline, agree ? "yes" : "NO", report->disagreements->len,
          (cpu1 - cpu0) - (cpu2 - cpu1));
  if (results != NULL)
    {
      g_autofree char *line = g_strdup_printf ("%s %.6f %.6f %.3f %.6f %u %.3f\n", unit_name, (t1 - t0) / 1e6,
                                               cpu1 - cpu0, sampler.peak_mb, baseline, report->disagreements->len,
                                               report_mb (report));
      FILE *f = fopen (results, "a");

      if (f != NULL)
        {
          fputs (line, f);
          fclose (f);
        }
    }
  return agree ? 0 : 1;
}

/* The report of one unit and nothing else, for a profiler. */
static int
run_report_only (const char *unit_name,
                 const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossProject) project = gloss_project_open (path, &error);
  g_autoptr(GlossAgreementOptions) options = NULL;
  g_autoptr(GlossAgreementReport) report = NULL;
  GlossAgreementUnit unit;
  double cpu0 = cpu_seconds ();
  gint64 t0 = g_get_monotonic_time ();

  if (project == NULL || !gloss_agreement_unit_from_string (unit_name, &unit))
    g_error ("cannot run %s on %s: %s", unit_name, path, error ? error->message : "bad unit");
  options = gloss_agreement_options_new (unit);
  report = gloss_agreement_report_compute (project, options, NULL, &error);
  if (report == NULL)
    g_error ("%s", error->message);
  printf ("%s %.3f s, CPU %.3f s, peak RSS %.1f MB, %u disagreements, SQLite's peak memory %.1f MB\n", unit_name,
          (g_get_monotonic_time () - t0) / 1e6, cpu_seconds () - cpu0, peak_rss_mb (), report->disagreements->len,
          sqlite3_memory_highwater (FALSE) / (1024.0 * 1024));
  return 0;
}

/* Loading the 200,000 codings */

/* A copy of the project without its codings or history, through SQLite's
 * backup, so the copy is whole whatever the WAL holds. */
static void
copy_without_codings (const char *from,
                      const char *to)
{
  sqlite3 *src = NULL, *dst = NULL;
  sqlite3_backup *backup;

  g_remove (to);
  if (sqlite3_open_v2 (from, &src, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK
      || sqlite3_open (to, &dst) != SQLITE_OK)
    g_error ("cannot copy %s", from);
  backup = sqlite3_backup_init (dst, "main", src, "main");
  sqlite3_backup_step (backup, -1);
  sqlite3_backup_finish (backup);
  if (sqlite3_exec (dst, "PRAGMA foreign_keys = OFF; DELETE FROM coding; DELETE FROM history_change; "
                         "DELETE FROM history_step;", NULL, NULL, NULL) != SQLITE_OK)
    g_error ("cannot empty %s: %s", to, sqlite3_errmsg (dst));
  sqlite3_close (src);
  sqlite3_close (dst);
}

static char *
codings_as_json (GPtrArray *codings,
                 GHashTable *titles,
                 GHashTable *coders,
                 GHashTable *codes)
{
  GString *out = g_string_new ("{\"codings\": [");

  for (guint i = 0; i < codings->len; i++)
    {
      GlossCoding *c = codings->pdata[i];

      g_string_append_printf (out, "%s{\"document\": \"%s\", \"coder\": \"%s\", \"code\": \"%s\", "
                              "\"start\": %" G_GINT64_FORMAT ", \"end\": %" G_GINT64_FORMAT "}",
                              i ? ",\n" : "", (char *) g_hash_table_lookup (titles, &c->document_id),
                              (char *) g_hash_table_lookup (coders, &c->coder_id),
                              (char *) g_hash_table_lookup (codes, &c->code_id), c->start, c->end);
    }
  g_string_append (out, "]}\n");
  return g_string_free (out, FALSE);
}

/* SQLite's own bulk insert of the same rows, quotes and all known: one
 * transaction, one prepared statement. Wall and CPU seconds in @cpu. */
static double
sqlite_bulk_insert (const char *path,
                    GPtrArray  *codings,
                    double     *cpu)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 t0;
  double cpu0;

  if (sqlite3_open (path, &db) != SQLITE_OK)
    g_error ("cannot open %s", path);
  sqlite3_exec (db, "PRAGMA journal_mode = WAL", NULL, NULL, NULL);
  cpu0 = cpu_seconds ();
  t0 = g_get_monotonic_time ();
  sqlite3_exec (db, "BEGIN IMMEDIATE", NULL, NULL, NULL);
  sqlite3_prepare_v2 (db, "INSERT INTO coding (guid, document_id, coder_id, code_id, start, end, quote, prefix, "
                          "suffix, memo, created, modified) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, NULL, ?10, ?10)",
                      -1, &stmt, NULL);
  for (guint i = 0; i < codings->len; i++)
    {
      GlossCoding *c = codings->pdata[i];
      char guid[40];

      g_snprintf (guid, sizeof guid, "bulk-%u", i);
      sqlite3_bind_text (stmt, 1, guid, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (stmt, 2, c->document_id);
      sqlite3_bind_int64 (stmt, 3, c->coder_id);
      sqlite3_bind_int64 (stmt, 4, c->code_id);
      sqlite3_bind_int64 (stmt, 5, c->start);
      sqlite3_bind_int64 (stmt, 6, c->end);
      sqlite3_bind_text (stmt, 7, c->quote, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 8, c->prefix, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 9, c->suffix, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 10, c->created);
      if (sqlite3_step (stmt) != SQLITE_DONE)
        g_error ("bulk insert: %s", sqlite3_errmsg (db));
      sqlite3_reset (stmt);
    }
  sqlite3_finalize (stmt);
  sqlite3_exec (db, "COMMIT", NULL, NULL, NULL);
  t0 = g_get_monotonic_time () - t0;
  *cpu = cpu_seconds () - cpu0;
  sqlite3_close (db);
  return t0 / 1e6;
}

/* The per-character way to a coding's quote: walk its document's text from
 * the beginning to the coding, for every coding. */
static double
per_character_quotes (GlossProject *project,
                      GPtrArray    *codings)
{
  g_autoptr(GHashTable) texts = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, g_free);
  gint64 t0 = g_get_monotonic_time ();
  gsize total = 0;

  for (guint i = 0; i < codings->len; i++)
    {
      GlossCoding *c = codings->pdata[i];
      const char *text = g_hash_table_lookup (texts, &c->document_id);
      const char *a, *b;

      if (text == NULL)
        {
          char *loaded = gloss_project_get_text (project, c->document_id, 0, -1, NULL);

          g_hash_table_insert (texts, &c->document_id, loaded);
          text = loaded;
        }
      a = g_utf8_offset_to_pointer (text, MAX (c->start - 32, 0));
      b = g_utf8_offset_to_pointer (text, c->end);
      total += b - a;
    }
  if (total == 0)
    g_printerr ("no text\n");
  return (g_get_monotonic_time () - t0) / 1e6;
}

static int
run_load (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossProject) project = gloss_project_open (path, &error);
  g_autoptr(GPtrArray) documents = NULL, coders = NULL, codes = NULL, codings = NULL;
  g_autoptr(GHashTable) titles = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GHashTable) coder_names = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GHashTable) code_paths = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autofree char *json = NULL;
  g_autofree char *gloss_copy = g_strconcat (path, ".load.gloss", NULL);
  g_autofree char *sqlite_copy = g_strconcat (path, ".bulk.gloss", NULL);
  g_autoptr(GlossProject) target = NULL;
  double baseline, bulk, bulk_cpu = 0, cpu0, cpu1;
  gint64 t0, t1;

  if (project == NULL)
    g_error ("%s", error->message);
  documents = gloss_project_list_documents (project, NULL);
  coders = gloss_project_list_coders (project, NULL);
  codes = gloss_project_list_codes (project, NULL);
  codings = gloss_project_list_codings (project, NULL, NULL);
  for (guint i = 0; i < documents->len; i++)
    g_hash_table_insert (titles, &((GlossDocumentInfo *) documents->pdata[i])->id,
                         ((GlossDocumentInfo *) documents->pdata[i])->title);
  for (guint i = 0; i < coders->len; i++)
    g_hash_table_insert (coder_names, &((GlossCoder *) coders->pdata[i])->id, ((GlossCoder *) coders->pdata[i])->name);
  for (guint i = 0; i < codes->len; i++)
    g_hash_table_insert (code_paths, &((GlossCode *) codes->pdata[i])->id, ((GlossCode *) codes->pdata[i])->path);
  json = codings_as_json (codings, titles, coder_names, code_paths);

  baseline = g_getenv ("BENCH_GLOSS_ONLY") ? 0 : per_character_quotes (project, codings);
  copy_without_codings (path, sqlite_copy);
  bulk = sqlite_bulk_insert (sqlite_copy, codings, &bulk_cpu);

  copy_without_codings (path, gloss_copy);
  target = gloss_project_open (gloss_copy, &error);
  if (target == NULL)
    g_error ("%s", error->message);
  cpu0 = cpu_seconds ();
  t0 = g_get_monotonic_time ();
  if (!gloss_project_load_json (target, json, -1, &error))
    g_error ("load: %s", error->message);
  t1 = g_get_monotonic_time ();
  cpu1 = cpu_seconds ();
  g_assert_cmpint (gloss_project_count_codings (target, NULL, NULL), ==, codings->len);

  printf ("\nload of %u codings (target: under 5 s, one transaction, no per-coding scan of the text)\n", codings->len);
  printf ("%-32s %10s %9s\n", "", "time (s)", "CPU (s)");
  printf ("%-32s %10.3f %9.3f\n", "gloss load", (t1 - t0) / 1e6, cpu1 - cpu0);
  printf ("%-32s %10.3f\n", "per-character quotes (baseline)", baseline);
  printf ("%-32s %10.3f %9.3f\n", "SQLite bulk insert, same rows", bulk, bulk_cpu);
  printf ("%-32s %9.2fx %8.2fx\n", "gloss load / SQLite bulk insert", (t1 - t0) / 1e6 / MAX (bulk, 1e-3),
          (cpu1 - cpu0) / MAX (bulk_cpu, 1e-3));
  gloss_project_close (target);
  g_remove (gloss_copy);
  g_remove (sqlite_copy);
  return 0;
}

static gboolean
run_unit (const char *self,
          const char *unit,
          const char *path,
          const char *results)
{
  g_autoptr(GError) error = NULL;
  const char *child[] = { self, "--child", unit, path, results, NULL };
  int status = 0;

  fflush (stdout);
  if (!g_spawn_sync (NULL, (char **) child, NULL, G_SPAWN_CHILD_INHERITS_STDIN,
                     NULL, NULL, NULL, NULL, &status, &error)
      || !g_spawn_check_wait_status (status, &error))
    {
      printf ("%s: %s\n", unit, error->message);
      fflush (stdout);
      return FALSE;
    }
  fflush (stdout);
  return TRUE;
}

/* The project at @scale times the documents and codings, built unless it is there. */
static char *
scaled_project (const char *path,
                guint       scale)
{
  char *scaled = scale == 1 ? g_strdup (path) : g_strdup_printf ("%s.%ux.gloss", path, scale);
  g_autoptr(GError) error = NULL;

  if (!g_file_test (scaled, G_FILE_TEST_EXISTS))
    {
      gint64 t0 = g_get_monotonic_time ();

      if (!build_project (scaled, N_DOCUMENTS * scale, &error))
        g_error ("building %s: %s", scaled, error->message);
      printf ("built %s: %d documents x %d characters, %d coders, %d codes, %d codings in %.1f s\n",
              scaled, N_DOCUMENTS * scale, DOC_LENGTH, N_CODERS, N_CODES, N_CODINGS * scale,
              (g_get_monotonic_time () - t0) / 1e6);
      fflush (stdout);
    }
  return scaled;
}

static void
remove_project (const char *path)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);

  g_remove (path);
  g_remove (wal);
  g_remove (shm);
}

typedef struct
{
  char   unit[16];
  double wall, cpu, anon_mb, baseline;
  guint  disagreements;
  double report_mb;
} Result;

/* The lines the children appended to @results, in order. */
static GArray *
read_results (const char *results)
{
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;
  GArray *out = g_array_new (FALSE, TRUE, sizeof (Result));

  if (!g_file_get_contents (results, &contents, NULL, NULL))
    return out;
  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      Result r = { { 0 } };

      if (sscanf (lines[i], "%15s %lf %lf %lf %lf %u %lf", r.unit, &r.wall, &r.cpu, &r.anon_mb, &r.baseline,
                  &r.disagreements, &r.report_mb) == 7)
        g_array_append_val (out, r);
    }
  return out;
}

/* @results hold each unit once per scale, the scales in order. */
static void
print_scaling (GArray      *results,
               const guint *scales,
               guint        n_scales)
{
  static const char *scaled_units[] = { "char", "unitized" };

  printf ("\nScaling: the project at 1x, 2x and 4x its documents and codings; ratios to 1x (linear growth reads 1, 2, 4).\n"
          "Memory: the peak anonymous memory, the part of it the finished report holds (its disagreements with\n"
          "their values and versions, which grow with the documents), and the rest, the computation's working set\n");
  printf ("%-9s %-5s %8s %9s %8s %6s %9s %6s %9s %8s %6s %9s %8s\n", "unit", "scale", "codings", "time (s)",
          "CPU (s)", "ratio", "base (s)", "ratio", "CPU/base", "anon MB", "ratio", "report MB", "rest MB");
  for (guint u = 0; u < G_N_ELEMENTS (scaled_units); u++)
    {
      const Result *first = NULL;
      guint k = 0;

      for (guint i = 0; i < results->len && k < n_scales; i++)
        {
          const Result *r = &g_array_index (results, Result, i);

          if (!g_str_equal (r->unit, scaled_units[u]))
            continue;
          if (first == NULL)
            first = r;
          printf ("%-9s %4ux %8u %9.3f %8.3f %6.2f %9.3f %6.2f %8.3fx %8.1f %6.2f %9.1f %8.1f\n", r->unit, scales[k],
                  N_CODINGS * scales[k], r->wall, r->cpu, r->cpu / MAX (first->cpu, 1e-6), r->baseline,
                  r->baseline / MAX (first->baseline, 1e-6), r->cpu / MAX (r->baseline, 1e-6), r->anon_mb,
                  r->anon_mb / MAX (first->anon_mb, 1e-6), r->report_mb, r->anon_mb - r->report_mb);
          k++;
        }
    }
}

int
main (int   argc,
      char *argv[])
{
  static const char *units[] = { "document", "char", "segment", "unitized" };
  static const char *scaled_units[] = { "char", "unitized" };
  static const guint scales[] = { 1, 2, 4 };
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL, *path = NULL, *results = NULL;
  gboolean keep = FALSE;
  int failed = 0;

  if (argc >= 4 && argc <= 5 && g_str_equal (argv[1], "--child"))
    return run_child (argv[2], argv[3], argc == 5 ? argv[4] : NULL);
  if (argc == 3 && g_str_equal (argv[1], "--load"))
    return run_load (argv[2]);
  if (argc == 4 && g_str_equal (argv[1], "--report"))
    return run_report_only (argv[2], argv[3]);

  dir = g_dir_make_tmp ("gloss-bench-XXXXXX", &error);
  g_assert_no_error (error);
  results = g_build_filename (dir, "results.txt", NULL);
  if (argc == 3 && g_str_equal (argv[1], "--project"))
    {
      path = g_strdup (argv[2]);
      keep = TRUE;
    }
  else
    path = g_build_filename (dir, "bench.gloss", NULL);
  g_free (scaled_project (path, 1));

  printf ("%-9s %10s %9s %12s %12s %14s %7s %14s %16s\n", "unit", "time (s)", "CPU (s)", "peak RSS MB",
          "peak anon MB", "baseline (s)", "agree", "disagreements", "bootstrap CPU (s)");
  printf ("(targets: each unit under 1.5 s, with 1,000 bootstrap samples of every row; time is wall clock,\n"
          " CPU the report's user and system time; the baseline is the straightforward per-character or\n"
          " all-pairs computation of the same numbers, in the same run)\n");
  for (guint u = 0; u < G_N_ELEMENTS (units); u++)
    failed |= !run_unit (argv[0], units[u], path, results);

  {
    const char *child[] = { argv[0], "--load", path, NULL };
    int status = 0;

    fflush (stdout);
    if (!g_spawn_sync (NULL, (char **) child, NULL, G_SPAWN_CHILD_INHERITS_STDIN,
                       NULL, NULL, NULL, NULL, &status, &error)
        || !g_spawn_check_wait_status (status, &error))
      {
        printf ("load: %s\n", error->message);
        g_clear_error (&error);
        failed = 1;
      }
    fflush (stdout);
  }

  /* 1x from above, then 2x and 4x */
  for (guint k = 1; k < G_N_ELEMENTS (scales); k++)
    {
      g_autofree char *scaled = scaled_project (path, scales[k]);

      printf ("\nat %ux (%u documents, %u codings):\n", scales[k], N_DOCUMENTS * scales[k], N_CODINGS * scales[k]);
      for (guint u = 0; u < G_N_ELEMENTS (scaled_units); u++)
        failed |= !run_unit (argv[0], scaled_units[u], scaled, results);
      if (!keep)
        remove_project (scaled);
    }
  {
    g_autoptr(GArray) all = read_results (results);

    print_scaling (all, scales, G_N_ELEMENTS (scales));
  }

  g_remove (results);
  if (!keep)
    remove_project (path);
  g_rmdir (dir);
  return failed;
}
