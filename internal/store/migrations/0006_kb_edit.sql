-- Editing help-center articles in the console. The articles row stays what
-- readers see while an article is published; a draft saved beside it lives
-- only in article_versions, as the latest version (latest_version > version).
-- Every version is a full snapshot, so that any one can be viewed, compared
-- and restored.
ALTER TABLE articles ADD COLUMN latest_version INTEGER NOT NULL DEFAULT 0;
UPDATE articles SET latest_version = version;

ALTER TABLE article_versions ADD COLUMN action TEXT NOT NULL DEFAULT 'import';
ALTER TABLE article_versions ADD COLUMN author_id TEXT NOT NULL DEFAULT '';
ALTER TABLE article_versions ADD COLUMN sort_order INTEGER NOT NULL DEFAULT 0;
ALTER TABLE article_versions ADD COLUMN content_date TEXT NOT NULL DEFAULT '';
ALTER TABLE article_versions ADD COLUMN base_version INTEGER NOT NULL DEFAULT 0;
ALTER TABLE article_versions ADD COLUMN restored_from INTEGER NOT NULL DEFAULT 0;
ALTER TABLE article_versions ADD COLUMN note TEXT NOT NULL DEFAULT '';
-- text_hash identifies title + summary + body (kb.Article.TextHash); ''
-- for versions recorded before this migration.
ALTER TABLE article_versions ADD COLUMN text_hash TEXT NOT NULL DEFAULT '';
-- For a translation: the version of the source article (same slug, the
-- slug's source locale) the text was made from; 0 when unknown.
ALTER TABLE article_versions ADD COLUMN source_locale TEXT NOT NULL DEFAULT '';
ALTER TABLE article_versions ADD COLUMN source_version INTEGER NOT NULL DEFAULT 0;

-- Earlier versions did not keep order and date: take the article's.
UPDATE article_versions SET
    sort_order = (SELECT a.sort_order FROM articles a WHERE a.id = article_versions.article_id),
    content_date = (SELECT a.content_date FROM articles a WHERE a.id = article_versions.article_id);

-- An existing translation version was made from the English version that
-- was current when it was recorded (imports write English first).
UPDATE article_versions SET
    source_locale = 'en',
    source_version = COALESCE((SELECT MAX(sv.version) FROM articles a
        JOIN articles s ON s.slug = a.slug AND s.locale = 'en'
        JOIN article_versions sv ON sv.article_id = s.id
        WHERE a.id = article_versions.article_id AND sv.created_at <= article_versions.created_at), 0)
WHERE article_id IN (SELECT id FROM articles WHERE locale <> 'en');

-- The locale a slug's translations are made from, when not English.
CREATE TABLE article_sources (
    slug TEXT PRIMARY KEY,
    locale TEXT NOT NULL,
    author_id TEXT NOT NULL DEFAULT '',
    author TEXT NOT NULL DEFAULT '',
    updated_at BIGINT NOT NULL
);
