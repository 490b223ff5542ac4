package main

import (
	"context"
	"fmt"
	"net/http"

	"github.com/smd-oss/smd/oidc"
	"github.com/smd-oss/smd/seed"
	"github.com/smd-oss/smd/web"
)

// setupOIDC makes the clients of the authorities' identity providers: from
// SMD_OIDC_FILE when set (every slug must name an existing authority), else
// in dev mode the built-in provider (seed.DevIdentityProvider).
func setupOIDC(ctx context.Context, a *app) ([]*oidc.Client, http.Handler, error) {
	cfg := a.cfg
	redirect := cfg.PublicURL() + web.OIDCCallbackPath
	if cfg.OIDCFile != "" {
		list, err := oidc.LoadSettings(cfg.OIDCFile)
		if err != nil {
			return nil, nil, err
		}
		clients := make([]*oidc.Client, 0, len(list))
		for _, s := range list {
			if _, err := a.authorities.AuthorityBySlug(ctx, s.Authority); err != nil {
				return nil, nil, fmt.Errorf("%s: authority %q: %w", cfg.OIDCFile, s.Authority, err)
			}
			clients = append(clients, &oidc.Client{Settings: s, RedirectURL: redirect})
		}
		return clients, nil, nil
	}
	if !cfg.Dev {
		return nil, nil, nil
	}
	auths, err := a.authorities.ListAuthorities(ctx)
	if err != nil {
		return nil, nil, err
	}
	idp, clients, err := seed.DevIdentityProvider(cfg.PublicURL()+"/dev/oidc", redirect, auths)
	if err != nil {
		return nil, nil, err
	}
	return clients, idp, nil
}
