package kb

// applyEdit brings this replica's cache and search index up to date with
// one article right after an edit committed, so that readers and searches
// see it at once instead of at the next Refresh. version is the content
// version the store reached with the edit. It moves the cache's version
// forward only when no other change came in between (version is the next
// one); otherwise the cache keeps its version and Refresh reloads
// everything, this article included.
func (s *Service) applyEdit(a Article, version int64) error {
	s.loadMu.Lock()
	defer s.loadMu.Unlock()
	s.mu.RLock()
	cur := s.version
	s.mu.RUnlock()
	next := version == cur+1
	record := cur
	if next {
		record = version
	}
	k := a.Key()
	var e *Entry
	if a.Status == Published {
		e = s.newEntry(a)
	}
	if s.index != nil {
		var err error
		if e != nil {
			err = s.index.Put(e.doc(), record)
		} else {
			err = s.index.Remove(k, record)
		}
		if err == nil && next {
			// Put and Remove mark one locale; the index's version is the
			// one every locale agrees on.
			err = s.index.SetVersion(record)
		}
		if err != nil {
			return err
		}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if e != nil {
		s.articles[k] = e
	} else {
		delete(s.articles, k)
	}
	// A new slice: readers may still range over the old one.
	list := make([]*Entry, 0, len(s.byLocale[k.Locale])+1)
	for _, x := range s.byLocale[k.Locale] {
		if x.Slug != k.Slug {
			list = append(list, x)
		}
	}
	if e != nil {
		list = append(list, e)
	}
	sortEntries(list)
	s.byLocale[k.Locale] = list
	if next {
		s.version = version
	}
	return nil
}

// newEntry renders a published article for the cache.
func (s *Service) newEntry(a Article) *Entry {
	e := newEntry(a, s.render).render()
	return e
}
