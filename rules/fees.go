package rules

// ServiceFees lists the fees of a service valid on d, as the information
// pages show them: the full catalogue of the service. ok is false when
// the law data has no fees for d. The Quick-Check results use the same
// items (naturalisation, Verpflichtungserklärung) or a subset (residence
// titles: issue and fast-track procedure).
func (l *Law) ServiceFees(service string, d Date) (fees []Fee, ok bool) {
	switch service {
	case "einbuergerung":
		f, _, err := l.NatFees.At(d)
		if err != nil {
			return nil, false
		}
		return []Fee{{Item: reason("qc.fee.nat_adult"), Amount: f.Adult}, {Item: reason("qc.fee.nat_minor"), Amount: f.Minor}}, true
	case "aufenthaltstitel":
		f, _, err := l.EmpFees.At(d)
		if err != nil {
			return nil, false
		}
		return []Fee{{Item: reason("qc.fee.residence_permit"), Amount: f.ResidencePermit},
			{Item: reason("qc.fee.settlement_permit"), Amount: f.SettlementPermit},
			{Item: reason("qc.fee.settlement_permit_hq"), Amount: f.SettlementPermitHighlyQualified},
			{Item: reason("qc.fee.accelerated"), Amount: f.AcceleratedProcedure}}, true
	case "verpflichtungserklaerung":
		f, _, err := l.VEFee.At(d)
		if err != nil {
			return nil, false
		}
		return []Fee{{Item: reason("qc.fee.ve"), Amount: f}}, true
	}
	return nil, false
}
