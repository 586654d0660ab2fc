using System.Net;

namespace WelfareFlow.RateLimiting;

/// <summary>The parsed <c>WelfareFlow:TrustedProxies</c>: addresses and CIDR ranges, comma-separated.</summary>
public sealed record TrustedProxyList(IReadOnlyList<IPNetwork> Networks)
{
    public static readonly TrustedProxyList Loopback = new([new IPNetwork(IPAddress.Loopback, 8), new IPNetwork(IPAddress.IPv6Loopback, 128)]);

    public bool Contains(IPAddress address)
    {
        var plain = address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
        return Networks.Any(n => n.Contains(plain));
    }

    public TrustedProxyList With(TrustedProxyList other) => new([.. Networks, .. other.Networks]);

    public static bool TryParse(string? text, out TrustedProxyList list, out string? bad)
    {
        var networks = new List<IPNetwork>();
        bad = null;
        foreach (var entry in (text ?? "").Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (IPAddress.TryParse(entry, out var address) && !entry.Contains('/', StringComparison.Ordinal))
            {
                networks.Add(new IPNetwork(address, address.GetAddressBytes().Length * 8));
            }
            else if (IPNetwork.TryParse(entry, out var network))
            {
                networks.Add(network);
            }
            else
            {
                bad ??= entry;
            }
        }

        list = new TrustedProxyList(networks);
        return bad is null;
    }
}
