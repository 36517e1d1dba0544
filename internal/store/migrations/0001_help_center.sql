-- Help-center articles: one row per (slug, locale). Published content is
-- what readers and the search index see; every change is kept in
-- article_versions so nothing is lost.
CREATE TABLE articles (
    id {{id}},
    slug TEXT NOT NULL,
    locale TEXT NOT NULL,
    category TEXT NOT NULL,
    title TEXT NOT NULL,
    summary TEXT NOT NULL DEFAULT '',
    keywords TEXT NOT NULL DEFAULT '',
    body TEXT NOT NULL,
    related TEXT NOT NULL DEFAULT '',
    sort_order INTEGER NOT NULL DEFAULT 0,
    content_date TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL DEFAULT 'published',
    hash TEXT NOT NULL,
    version INTEGER NOT NULL DEFAULT 1,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    UNIQUE (slug, locale)
);

CREATE TABLE article_versions (
    id {{id}},
    article_id BIGINT NOT NULL REFERENCES articles(id),
    version INTEGER NOT NULL,
    title TEXT NOT NULL,
    summary TEXT NOT NULL,
    keywords TEXT NOT NULL,
    body TEXT NOT NULL,
    related TEXT NOT NULL,
    category TEXT NOT NULL,
    status TEXT NOT NULL,
    hash TEXT NOT NULL,
    author TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    UNIQUE (article_id, version)
);

-- kb_state.content_version grows on every published change; the search
-- index records the version it was built from and rebuilds when behind.
CREATE TABLE kb_state (
    name TEXT PRIMARY KEY,
    value BIGINT NOT NULL
);
INSERT INTO kb_state (name, value) VALUES ('content_version', 0);

CREATE TABLE article_feedback (
    id {{id}},
    slug TEXT NOT NULL,
    locale TEXT NOT NULL,
    helpful INTEGER NOT NULL,
    comment TEXT NOT NULL DEFAULT '',
    created_at BIGINT NOT NULL
);
CREATE INDEX article_feedback_slug ON article_feedback (slug, locale, created_at);

-- Searches that found nothing (results = 0) or only weak guesses,
-- aggregated per normalized query, for editors.
CREATE TABLE search_misses (
    locale TEXT NOT NULL,
    query TEXT NOT NULL,
    count BIGINT NOT NULL,
    results INTEGER NOT NULL DEFAULT 0,
    first_seen BIGINT NOT NULL,
    last_seen BIGINT NOT NULL,
    PRIMARY KEY (locale, query)
);
