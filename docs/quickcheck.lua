wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"service":"einbuergerung","facts":{"birth_date":"1985-03-01","residence_status":"aufenthaltserlaubnis","residence_permit_section":"18b","residence_since":"2019-05-01","identity_document":"passport","receives_benefits":false,"german_level":"B2","citizenship_test_passed":true,"convictions":[{"type":"fine","daily_rates":30}],"commits_to_constitution":true,"polygamy":false}}'
