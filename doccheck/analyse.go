package doccheck

// analyse reads what the text says: the category, the MRZ, the facts.
func (c *Checker) analyse(r *Report) {
	if r.Text == "" {
		return
	}
	c.classify(r)
}
