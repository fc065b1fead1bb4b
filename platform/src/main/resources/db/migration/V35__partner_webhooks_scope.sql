-- Partners manage their own webhook endpoints with a client-credentials token of scope webhooks.manage: newly
-- registered clients get it (PartnerClients.SCOPES); clients registered before are given it here. The authorisation
-- server keeps a client's scopes as a comma-separated list.
update oauth2_registered_client c
set scopes = c.scopes || ',webhooks.manage'
where c.client_id in (select client_id from partner_client)
  and not ('webhooks.manage' = any (string_to_array(c.scopes, ',')));
