package web

import (
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"time"

	"github.com/google/uuid"

	"github.com/smd-oss/smd"
	"github.com/smd-oss/smd/form"
)

// queuePageSize is how many cases one page of the work queue shows.
const queuePageSize = 50

// The inbox's GET parameters. A saved filter holds any of them but the
// page, and nothing else.
const (
	qService  = "leistung"
	qStatus   = "status"
	qChannel  = "kanal"
	qAssignee = "bearbeitung" // meine | offen
	qView     = "ansicht"     // ueberfaellig | wartend
	qOrder    = "reihenfolge" // neueste
	qPage     = "seite"
)

var queueParams = []string{qService, qStatus, qChannel, qAssignee, qView, qOrder, qPage}

// queueQuery is an inbox address, validated: the filter for the store
// and the same choice as canonical values (known parameters, one value
// each, empty ones left out), from which every link on the page is built.
type queueQuery struct {
	filter smd.QueueFilter
	page   int
	values url.Values
}

// parseQueueQuery checks q against the filter form. An unknown value of a
// known parameter is an error (a hand-made or stale address), so that a
// page never silently shows something other than what its address says.
// Other parameters (lang) are not the inbox's and are left out of values;
// strict refuses them instead, for saved filters. A page number that is
// not one is page 1.
func parseQueueQuery(q url.Values, me uuid.UUID, strict bool) (queueQuery, bool) {
	qq := queueQuery{page: 1, values: url.Values{}}
	for k, vs := range q {
		if !slices.Contains(queueParams, k) {
			if strict {
				return qq, false
			}
			continue
		}
		if len(vs) > 1 {
			return qq, false
		}
		if v := vs[0]; v != "" {
			qq.values.Set(k, v)
		}
	}
	f := &qq.filter
	f.Service, f.Status, f.Channel = smd.Service(qq.values.Get(qService)), smd.Status(qq.values.Get(qStatus)), smd.Channel(qq.values.Get(qChannel))
	if f.Service != "" && !f.Service.Valid() || f.Channel != "" && !f.Channel.Valid() || f.Status != "" && !slices.Contains(smd.Statuses, f.Status) {
		return qq, false
	}
	switch qq.values.Get(qAssignee) {
	case "":
	case "meine":
		f.Assignee = me
	case "offen":
		f.Unassigned = true
	default:
		return qq, false
	}
	switch qq.values.Get(qView) {
	case "":
	case "wartend":
		f.Waiting = true
	case "ueberfaellig":
		f.Overdue = true
	default:
		return qq, false
	}
	switch qq.values.Get(qOrder) {
	case "":
	case "neueste":
		f.Newest = true
	default:
		return qq, false
	}
	if p, err := strconv.Atoi(qq.values.Get(qPage)); err == nil && p > 1 {
		qq.page = p
	}
	qq.values.Del(qPage)
	return qq, true
}

// url is the inbox with these values, changed by set (an empty value
// removes the parameter); the page is never carried over.
func (qq queueQuery) url(set ...string) string {
	v := url.Values{}
	for k, vs := range qq.values {
		v[k] = slices.Clone(vs)
	}
	for i := 0; i+1 < len(set); i += 2 {
		if set[i+1] == "" {
			v.Del(set[i])
		} else {
			v.Set(set[i], set[i+1])
		}
	}
	return inboxURL(v.Encode())
}

type queueRow struct {
	Number, URL, Service, Channel, Received, Status, Assignee string
	// Due is the deadline of the open Nachforderung; Overdue when it has passed.
	Due     string
	Overdue bool
}

// wbFilter is one select of the queue's filter form.
type wbFilter struct {
	Name, Label string
	Options     []OptionView
}

// countLink is one entry of the inbox's summary: a number and the view
// that lists those cases.
type countLink struct {
	Label   string
	Count   int
	URL     string
	Current bool
}

// savedFilterView is one of the user's saved filters on the inbox.
type savedFilterView struct {
	Name, URL, DeleteURL string
}

type queuePage struct {
	Frame
	Filters []wbFilter
	Rows    []queueRow
	Total   string
	Counts  []countLink
	// Saved are the user's filters; SaveName is the name field of the form
	// that saves the current one, SaveQuery that filter.
	Saved      []savedFilterView
	CanSave    bool
	SaveName   FieldView
	SaveQuery  string
	Prev, Next string
	PageInfo   string
	// SortURL switches the order of receipt; Sort is its aria-sort value.
	SortURL, Sort string
}

// queue is the work queue ("Eingang"): the authority's cases in order of
// receipt across all channels, so that nobody overtakes, filtered by a GET
// form so that every view can be bookmarked.
func (s *Server) queue(w http.ResponseWriter, r *http.Request) {
	u := s.currentUser(r)
	qq, ok := parseQueueQuery(r.URL.Query(), u.ID, false)
	if !ok {
		s.errorPage(w, r, http.StatusBadRequest, "400")
		return
	}
	p, err := s.queueView(r, qq, form.Raw{}, "")
	if err != nil {
		s.handleError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "queue", p)
}

// queueView builds the inbox for qq; nameRaw and nameErr are the saved
// filter form's name field as posted and its message, when saving failed.
func (s *Server) queueView(r *http.Request, qq queueQuery, nameRaw form.Raw, nameErr string) (*queuePage, error) {
	u := s.currentUser(r)
	ctx := r.Context()
	f := qq.filter
	list, total, err := s.Cases.ListQueue(ctx, u.AuthorityID, f, (qq.page-1)*queuePageSize, queuePageSize)
	if err != nil {
		return nil, err
	}
	counts, err := s.Cases.CountQueue(ctx, u.AuthorityID)
	if err != nil {
		return nil, err
	}
	var saved []*smd.SavedFilter
	if s.SavedFilters != nil {
		if saved, err = s.SavedFilters.ListSavedFilters(ctx, u.AuthorityID, u.ID); err != nil {
			return nil, err
		}
	}
	p := &queuePage{Frame: s.frame(r, "wb.queue.title")}
	p.User, p.Container = u, "kern-container-fluid"
	cur := qq.values.Get
	opt := func(name, value, label string) OptionView {
		return OptionView{Value: value, Label: label, Checked: value == cur(name)}
	}
	services := []OptionView{opt(qService, "", p.T("wb.queue.all"))}
	for _, svc := range smd.Services {
		services = append(services, opt(qService, string(svc), p.T("service."+string(svc))))
	}
	statuses := []OptionView{opt(qStatus, "", p.T("wb.queue.all"))}
	for _, st := range smd.Statuses {
		statuses = append(statuses, opt(qStatus, string(st), p.T("status."+string(st))))
	}
	channels := []OptionView{opt(qChannel, "", p.T("wb.queue.all"))}
	for _, ch := range []smd.Channel{smd.ChannelOnline, smd.ChannelKurzAntrag, smd.ChannelPapier, smd.ChannelFITConnect} {
		channels = append(channels, opt(qChannel, string(ch), p.T("konto.channel."+string(ch))))
	}
	assignees := []OptionView{opt(qAssignee, "", p.T("wb.queue.all")), opt(qAssignee, "offen", p.T("wb.queue.unassigned")),
		opt(qAssignee, "meine", p.T("wb.queue.mine"))}
	views := []OptionView{opt(qView, "", p.T("wb.queue.all")), opt(qView, "wartend", p.T("wb.queue.view_waiting")),
		opt(qView, "ueberfaellig", p.T("wb.queue.view_overdue"))}
	p.Filters = []wbFilter{{qService, p.T("wb.queue.service"), services}, {qStatus, p.T("wb.queue.status"), statuses},
		{qChannel, p.T("wb.queue.channel"), channels}, {qAssignee, p.T("wb.queue.assignee"), assignees}, {qView, p.T("wb.queue.view"), views}}

	// The summary counts the whole authority, so each entry links to its
	// status alone rather than combined with the current filters.
	for _, c := range counts.ByStatus {
		p.Counts = append(p.Counts, countLink{Label: p.T("status." + string(c.Status)), Count: c.Count,
			URL: inboxURL(url.Values{qStatus: {string(c.Status)}}.Encode()), Current: len(qq.values) == 1 && cur(qStatus) == string(c.Status)})
	}
	p.Counts = append(p.Counts, countLink{Label: p.T("wb.queue.view_overdue"), Count: counts.Overdue,
		URL: inboxURL(url.Values{qView: {"ueberfaellig"}}.Encode()), Current: len(qq.values) == 1 && f.Overdue})

	today := nowFunc().In(berlin)
	today = time.Date(today.Year(), today.Month(), today.Day(), 0, 0, 0, 0, time.UTC)
	names := map[uuid.UUID]string{}
	for _, c := range list {
		row := queueRow{Number: c.Number, URL: "/arbeitsplatz/vorgaenge/" + c.ID.String(), Service: p.T("service." + string(c.Service)),
			Channel: p.T("konto.channel." + string(c.Channel)), Received: formatDateTime(c.ReceivedAt, p.Lang.Code),
			Status: p.T("status." + string(c.Status))}
		if !c.DueOn.IsZero() {
			row.Due, row.Overdue = formatDate(c.DueOn, p.Lang.Code), c.DueOn.Before(today)
		}
		if c.Assignee != uuid.Nil {
			if _, ok := names[c.Assignee]; !ok {
				if au, err := s.Users.UserByID(ctx, u.AuthorityID, c.Assignee); err == nil {
					names[c.Assignee] = au.Name
				}
			}
			row.Assignee = names[c.Assignee]
		}
		p.Rows = append(p.Rows, row)
	}
	p.Total = p.TD("wb.queue.total", map[string]int{"Count": total})
	pages := max((total+queuePageSize-1)/queuePageSize, 1)
	p.PageInfo = p.TD("wb.queue.page", map[string]int{"Page": qq.page, "Pages": pages})
	if qq.page > 1 {
		p.Prev = qq.url(qPage, strconv.Itoa(qq.page-1))
	}
	if qq.page < pages {
		p.Next = qq.url(qPage, strconv.Itoa(qq.page+1))
	}
	p.Sort, p.SortURL = "ascending", qq.url(qOrder, "neueste")
	if f.Newest {
		p.Sort, p.SortURL = "descending", qq.url(qOrder, "")
	}

	p.CanSave, p.SaveQuery = s.SavedFilters != nil, qq.values.Encode()
	for _, sf := range saved {
		// Deleting is confirmed first (GET shows the question, its form posts).
		p.Saved = append(p.Saved, savedFilterView{Name: sf.Name, URL: inboxURL(sf.Query),
			DeleteURL: "/arbeitsplatz/filter/" + sf.ID.String() + "/loeschen?" + url.Values{"query": {p.SaveQuery}}.Encode()})
	}
	p.SaveName = s.fieldView(&p.Frame, savedFilterName, nameRaw, false, "")
	p.SaveName.Label, p.SaveName.Hint, p.SaveName.Error = p.T("wb.filters.name"), p.T("wb.filters.name_hint"), nameErr
	if nameErr != "" {
		p.Errors = append(p.Errors, FormError{Field: savedFilterName.ID, Message: nameErr})
	}
	return p, nil
}

// inboxURL is the inbox's address with an encoded query string.
func inboxURL(query string) string {
	if query == "" {
		return "/arbeitsplatz/eingang"
	}
	return "/arbeitsplatz/eingang?" + query
}
