/* Ranks lawyers for one matter through atip's C ABI.
 *
 *   rank_matter DATA.json MATTER-ID [DATABASE]
 *
 * Opens DATABASE (default: a private in-memory one), imports the data set
 * DATA.json, ranks the lawyers for MATTER-ID with the default policy and
 * prints the shortlist: each lawyer's score and the reasons a coordinator
 * reads before deciding on an offer.
 *
 * Results cross the C ABI as JSON. A real application parses them with its
 * own JSON library; this example stays dependency-free with a small reader
 * that only walks the fields it prints.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <atip/atip.h>

/* ------------------------------------------------------------------------ */
/* A minimal JSON walker over the ranking document. */

/* Skips spaces, tabs and line breaks. */
static const char *skip_space(const char *p) {
  while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r') ++p;
  return p;
}

/* Skips a string starting at its opening quote; returns the character after
 * the closing quote. */
static const char *skip_string(const char *p) {
  for (++p; *p != '\0' && *p != '"'; ++p) {
    if (*p == '\\' && p[1] != '\0') ++p;
  }
  return *p == '"' ? p + 1 : p;
}

/* Skips one JSON value of any type; returns the character after it. */
static const char *skip_value(const char *p) {
  int depth = 0;
  p = skip_space(p);
  if (*p == '"') return skip_string(p);
  if (*p != '{' && *p != '[') {
    /* A number, true, false or null runs up to the next delimiter. */
    while (*p != '\0' && *p != ',' && *p != '}' && *p != ']') ++p;
    return p;
  }
  for (; *p != '\0'; ++p) {
    if (*p == '"') {
      p = skip_string(p) - 1;
    } else if (*p == '{' || *p == '[') {
      ++depth;
    } else if ((*p == '}' || *p == ']') && --depth == 0) {
      return p + 1;
    }
  }
  return p;
}

/* Returns the value of `key` inside the object starting at `object`, or
 * NULL. Only the object's own keys are searched, not nested ones. */
static const char *find_key(const char *object, const char *key) {
  const char *p = skip_space(object);
  size_t key_length = strlen(key);
  if (*p != '{') return NULL;
  p = skip_space(p + 1);
  while (*p == '"') {
    const char *name = p + 1;
    const char *after_name = skip_string(p);
    int matches = (size_t)(after_name - name - 1) == key_length && strncmp(name, key, key_length) == 0;
    p = skip_space(after_name);
    if (*p != ':') return NULL;
    p = skip_space(p + 1);
    if (matches) return p;
    p = skip_space(skip_value(p));
    if (*p != ',') return NULL;
    p = skip_space(p + 1);
  }
  return NULL;
}

/* Prints the string value at `value` without its quotes. The ranking's
 * names and reasons are plain text, so escapes print as written. */
static void print_string(const char *value) {
  const char *end = skip_string(value);
  if (*value == '"') fwrite(value + 1, 1, (size_t)(end - value - 2), stdout);
}

/* Calls `visit(element)` for each element of the array at `array`. */
static void for_each_element(const char *array, void (*visit)(const char *element)) {
  const char *p = skip_space(array);
  if (*p != '[') return;
  p = skip_space(p + 1);
  while (*p != ']' && *p != '\0') {
    visit(p);
    p = skip_space(skip_value(p));
    if (*p == ',') p = skip_space(p + 1);
  }
}

/* ------------------------------------------------------------------------ */
/* Printing the shortlist */

static int match_number = 0;

static void print_reason(const char *reason) {
  const char *topic = find_key(reason, "topic");
  const char *text = find_key(reason, "text");
  printf("     - ");
  if (topic != NULL) {
    print_string(topic);
    printf(": ");
  }
  if (text != NULL) print_string(text);
  printf("\n");
}

static void print_match(const char *match) {
  const char *name = find_key(match, "lawyer_name");
  const char *id = find_key(match, "lawyer_id");
  const char *score = find_key(match, "score");
  const char *reasons = find_key(match, "reasons");

  printf("%2d. ", ++match_number);
  if (name != NULL) print_string(name);
  printf(" (");
  if (id != NULL) print_string(id);
  printf(")  score %.3f\n", score != NULL ? strtod(score, NULL) : 0.0);
  if (reasons != NULL) for_each_element(reasons, print_reason);
}

/* ------------------------------------------------------------------------ */
/* The program */

/* Reads a whole file; returns NULL when it cannot. Release with free(). */
static char *read_file(const char *path) {
  FILE *file = fopen(path, "rb");
  char *text = NULL;
  long size;
  if (file == NULL) return NULL;
  if (fseek(file, 0, SEEK_END) == 0 && (size = ftell(file)) >= 0 && fseek(file, 0, SEEK_SET) == 0) {
    text = (char *)malloc((size_t)size + 1);
    if (text != NULL && fread(text, 1, (size_t)size, file) == (size_t)size) {
      text[size] = '\0';
    } else {
      free(text);
      text = NULL;
    }
  }
  fclose(file);
  return text;
}

/* Prints the failed call's status and message and returns the exit code. */
static int report_failure(const char *what, atip_status status) {
  fprintf(stderr, "rank_matter: %s failed (%s): %s\n", what, atip_status_str(status), atip_error_last_message());
  return 1;
}

int main(int argc, char **argv) {
  const char *database = argc > 3 ? argv[3] : ":memory:";
  atip_db *db = NULL;
  atip_rank_options options = ATIP_RANK_OPTIONS_INIT;
  char *data = NULL;
  char *report = NULL;
  char *ranking = NULL;
  const char *matches;
  atip_status status;
  int exit_code = 0;

  if (argc < 3) {
    fprintf(stderr, "usage: rank_matter DATA.json MATTER-ID [DATABASE]\n");
    return 2;
  }
  if (atip_version_number() / 100 != ATIP_VERSION_NUMBER / 100) {
    /* Same major and minor version as the header, or the options structs
     * and JSON fields this program relies on may differ. */
    fprintf(stderr, "rank_matter: built for atip %s, running with %s\n", ATIP_VERSION_STRING,
            atip_version_string());
  }

  data = read_file(argv[1]);
  if (data == NULL) {
    fprintf(stderr, "rank_matter: cannot read %s\n", argv[1]);
    return 1;
  }

  status = atip_db_open(&db, database, NULL);
  if (status != ATIP_OK) {
    free(data);
    return report_failure("opening the database", status);
  }

  status = atip_db_import_json(&report, db, data);
  if (status != ATIP_OK) {
    exit_code = report_failure("importing the data", status);
    goto cleanup;
  }

  options.top = 5;
  status = atip_match_rank(&ranking, db, argv[2], NULL, &options);
  if (status != ATIP_OK) {
    exit_code = report_failure("ranking the matter", status);
    goto cleanup;
  }

  printf("Shortlist for %s (atip %s)\n", argv[2], atip_version_string());
  matches = find_key(ranking, "matches");
  if (matches != NULL) for_each_element(matches, print_match);
  if (match_number == 0) printf("No eligible lawyer; see the coverage gap in the ranking.\n");

cleanup:
  atip_free(ranking);
  atip_free(report);
  atip_db_close(db);
  free(data);
  return exit_code;
}
