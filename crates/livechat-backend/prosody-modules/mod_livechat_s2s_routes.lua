-- Server-to-server connections to fixed loopback ports, without DNS: the two servers of a
-- federation test are reached through `s2s_static_routes = { ["domain"] = port }` on 127.0.0.1.
-- Enabled by livechat-backend when s2s is on. Prosody 0.12's mod_s2s asks
-- net.resolvers.service for the targets of every new outgoing connection, so a listed domain
-- gets its port and no SRV, A or AAAA lookup is ever made for it.
module:set_global();

local service = require "net.resolvers.service";
local basic = require "net.resolvers.basic";
local manual = require "net.resolvers.manual";

local original_new = service.new;

function service.new(hostname, service_name, conn_type, extra)
	local routes = module:get_option("s2s_static_routes", {});
	local port = routes[hostname];
	if port and service_name == "xmpp-server" then
		module:log("debug", "s2s to %s: static route to 127.0.0.1:%d", hostname, port);
		return basic.new("127.0.0.1", port, conn_type, extra);
	elseif port and service_name == "xmpps-server" then
		return manual.new({}, conn_type, extra); -- no direct TLS on loopback
	end
	return original_new(hostname, service_name, conn_type, extra);
end

function module.unload()
	service.new = original_new;
end
