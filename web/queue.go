package web

import (
	"net/http"
	"net/url"
	"slices"
	"strconv"

	"github.com/google/uuid"

	"github.com/smd-oss/smd"
)

// queuePageSize is how many cases one page of the work queue shows.
const queuePageSize = 50

type queueRow struct {
	Number, URL, Service, Channel, Received, Status, Assignee string
}

// wbFilter is one select of the queue's filter form.
type wbFilter struct {
	Name, Label string
	Options     []OptionView
}

type queuePage struct {
	Frame
	Filters                                 []wbFilter
	Services, Statuses, Channels, Assignees []OptionView
	Rows                                    []queueRow
	Total                                   string
	Prev, Next                              string
	PageInfo                                string
	// SortURL switches the order of receipt; Sort is its aria-sort value.
	SortURL, Sort string
}

// queue is the work queue ("Eingang"): the authority's cases in order of
// receipt across all channels, so that nobody overtakes, filtered by a GET
// form so that every view can be bookmarked.
func (s *Server) queue(w http.ResponseWriter, r *http.Request) {
	u := s.currentUser(r)
	q := r.URL.Query()
	f := smd.QueueFilter{Service: smd.Service(q.Get("leistung")), Status: smd.Status(q.Get("status")), Channel: smd.Channel(q.Get("kanal"))}
	if f.Service != "" && !f.Service.Valid() || f.Channel != "" && !f.Channel.Valid() || f.Status != "" && !slices.Contains(smd.Statuses, f.Status) {
		s.errorPage(w, r, http.StatusBadRequest, "400")
		return
	}
	f.Newest = q.Get("reihenfolge") == "neueste"
	switch q.Get("bearbeitung") {
	case "meine":
		f.Assignee = u.ID
	case "offen":
		f.Unassigned = true
	}
	page, _ := strconv.Atoi(q.Get("seite"))
	page = max(page, 1)
	list, total, err := s.Cases.ListQueue(r.Context(), u.AuthorityID, f, (page-1)*queuePageSize, queuePageSize)
	if err != nil {
		s.handleError(w, r, err)
		return
	}
	p := &queuePage{Frame: s.frame(r, "wb.queue.title")}
	p.User, p.Container = u, "kern-container-fluid"
	opt := func(value, label, cur string) OptionView {
		return OptionView{Value: value, Label: label, Checked: value == cur}
	}
	p.Services = []OptionView{opt("", p.T("wb.queue.all"), q.Get("leistung"))}
	for _, svc := range smd.Services {
		p.Services = append(p.Services, opt(string(svc), p.T("service."+string(svc)), q.Get("leistung")))
	}
	p.Statuses = []OptionView{opt("", p.T("wb.queue.all"), q.Get("status"))}
	for _, st := range smd.Statuses {
		p.Statuses = append(p.Statuses, opt(string(st), p.T("status."+string(st)), q.Get("status")))
	}
	p.Channels = []OptionView{opt("", p.T("wb.queue.all"), q.Get("kanal"))}
	for _, ch := range []smd.Channel{smd.ChannelOnline, smd.ChannelKurzAntrag, smd.ChannelPapier, smd.ChannelFITConnect} {
		p.Channels = append(p.Channels, opt(string(ch), p.T("konto.channel."+string(ch)), q.Get("kanal")))
	}
	p.Assignees = []OptionView{opt("", p.T("wb.queue.all"), q.Get("bearbeitung")), opt("offen", p.T("wb.queue.unassigned"), q.Get("bearbeitung")),
		opt("meine", p.T("wb.queue.mine"), q.Get("bearbeitung"))}
	p.Filters = []wbFilter{{"leistung", p.T("wb.queue.service"), p.Services}, {"status", p.T("wb.queue.status"), p.Statuses},
		{"kanal", p.T("wb.queue.channel"), p.Channels}, {"bearbeitung", p.T("wb.queue.assignee"), p.Assignees}}
	names := map[string]string{}
	for _, c := range list {
		row := queueRow{Number: c.Number, URL: "/arbeitsplatz/vorgaenge/" + c.ID.String(), Service: p.T("service." + string(c.Service)),
			Channel: p.T("konto.channel." + string(c.Channel)), Received: formatDateTime(c.ReceivedAt, p.Lang.Code),
			Status: p.T("status." + string(c.Status))}
		if c.Assignee != uuid.Nil {
			key := c.Assignee.String()
			if _, ok := names[key]; !ok {
				if au, err := s.Users.UserByID(r.Context(), u.AuthorityID, c.Assignee); err == nil {
					names[key] = au.Name
				}
			}
			row.Assignee = names[key]
		}
		p.Rows = append(p.Rows, row)
	}
	p.Total = p.TD("wb.queue.total", map[string]int{"Count": total})
	pages := max((total+queuePageSize-1)/queuePageSize, 1)
	p.PageInfo = p.TD("wb.queue.page", map[string]int{"Page": page, "Pages": pages})
	link := func(n int) string {
		v := url.Values{}
		for k, vs := range q {
			v[k] = vs
		}
		v.Set("seite", strconv.Itoa(n))
		return "/arbeitsplatz/eingang?" + v.Encode()
	}
	sortParams := url.Values{}
	for k, vs := range q {
		sortParams[k] = vs
	}
	sortParams.Del("seite")
	p.Sort = "ascending"
	if f.Newest {
		p.Sort = "descending"
		sortParams.Del("reihenfolge")
	} else {
		sortParams.Set("reihenfolge", "neueste")
	}
	p.SortURL = "/arbeitsplatz/eingang?" + sortParams.Encode()
	if page > 1 {
		p.Prev = link(page - 1)
	}
	if page < pages {
		p.Next = link(page + 1)
	}
	s.render(w, r, http.StatusOK, "queue", p)
}
