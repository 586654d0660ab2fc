using Microsoft.Kiota.Abstractions;
using Microsoft.Kiota.Abstractions.Authentication;
using Microsoft.Kiota.Http.HttpClientLibrary;

namespace WelfareFlow.Client;

/// <summary>
/// The one hand-written part of the client: how a caller authenticates (the document's two security schemes) and a
/// <see cref="WelfareFlowClient"/> over an <see cref="HttpClient"/>. Everything under Generated/ is Kiota's.
/// </summary>
public static class WelfareFlowConnection
{
    /// <summary>An operator: the <c>operatorKey</c> scheme, the key in the <c>X-Api-Key</c> header.</summary>
    public static IAuthenticationProvider OperatorKey(string operatorKey) => new HeaderAuthentication("X-Api-Key", operatorKey);

    /// <summary>A district or a judge: the <c>linkToken</c> scheme, the token of the emailed link as a bearer token.</summary>
    public static IAuthenticationProvider LinkToken(string token) => new HeaderAuthentication("Authorization", "Bearer " + token);

    public static WelfareFlowClient AsOperator(HttpClient http, string operatorKey) => new(Adapter(http, OperatorKey(operatorKey)));

    public static WelfareFlowClient WithLinkToken(HttpClient http, string token) => new(Adapter(http, LinkToken(token)));

    /// <summary>The request adapter over <paramref name="http"/>, whose <see cref="HttpClient.BaseAddress"/> is the server.
    /// Keep it to send a generated request with another media type (e.g. results as <c>text/csv</c>).</summary>
    public static IRequestAdapter Adapter(HttpClient http, IAuthenticationProvider authentication)
    {
        var adapter = new HttpClientRequestAdapter(authentication, httpClient: http);
        if (http.BaseAddress is { } address) adapter.BaseUrl = address.GetLeftPart(UriPartial.Authority);
        return adapter;
    }

    /// <summary>Sets one header on every request: both schemes are a header with a secret, never logged here.</summary>
    sealed class HeaderAuthentication(string header, string value) : IAuthenticationProvider
    {
        public Task AuthenticateRequestAsync(RequestInformation request, Dictionary<string, object>? additionalAuthenticationContext = null, CancellationToken cancellationToken = default)
        {
            request.Headers.Remove(header);
            request.Headers.Add(header, value);
            return Task.CompletedTask;
        }
    }
}
