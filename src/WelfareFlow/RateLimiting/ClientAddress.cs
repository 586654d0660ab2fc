using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using WelfareFlow.Configuration;

namespace WelfareFlow.RateLimiting;

/// <summary>
/// Which client a request counts against. <c>X-Forwarded-For</c> is read only when the connection comes from a
/// trusted proxy, from the nearest hop backwards to the first address that is not a trusted proxy: entries left
/// of that were written by the client and could say anything. IPv6 clients count per /64, since one host
/// usually holds a whole /64 and could otherwise change address at will.
/// </summary>
public sealed class ClientAddress(IOptions<WelfareFlowOptions> options, ClientAddress.HostProxy hostProxy)
{
    const int MaxHops = 20;

    /// <summary>Proxies of the host itself, trusted whatever the settings say (the Functions host forwards
    /// every request to the worker over loopback).</summary>
    public sealed record HostProxy(TrustedProxyList Proxies);

    readonly Lazy<TrustedProxyList> trusted = new(() =>
    {
        TrustedProxyList.TryParse(options.Value.TrustedProxies, out var configured, out _);
        return configured.With(hostProxy.Proxies);
    });

    public string Of(HttpContext http)
    {
        var address = http.Connection.RemoteIpAddress;
        if (address is not null && trusted.Value.Contains(address))
        {
            var hops = http.Request.Headers["X-Forwarded-For"].ToString().Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            for (var i = hops.Length - 1; i >= Math.Max(0, hops.Length - MaxHops); i--)
            {
                if (Parse(hops[i]) is not { } hop) break;
                address = hop;
                if (!trusted.Value.Contains(hop)) break;
            }
        }

        return address is null ? "unknown" : Key(address);
    }

    /// <summary>"203.0.113.7", "203.0.113.7:51234", "[2001:db8::1]:443" or "2001:db8::1".</summary>
    static IPAddress? Parse(string hop) =>
        IPEndPoint.TryParse(hop, out var endpoint) ? endpoint.Address
        : IPAddress.TryParse(hop.Trim('[', ']'), out var address) ? address
        : null;

    static string Key(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        if (address.AddressFamily != System.Net.Sockets.AddressFamily.InterNetworkV6) return address.ToString();
        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }
}
