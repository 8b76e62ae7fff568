using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Dce.Console.Sessions;

namespace Dce.Console.Gateway;

/// <summary>
/// The platform's public API through the gateway, as the signed-in user: every call carries the user's token, so the
/// console can do nothing the user's own API calls could not. The token is refreshed before it expires (or after a 401),
/// and when the session cannot go on every call throws <see cref="SessionEndedException"/>.
/// </summary>
public sealed class PlatformApi(IHttpClientFactory clients, CurrentSession current, SessionStore store, TimeProvider time)
{
    public const string ClientName = "platform";

    private static readonly TimeSpan RefreshAhead = TimeSpan.FromSeconds(30);

    /// <summary>GETs a JSON answer; a refusal throws <see cref="ApiException"/>.</summary>
    public async Task<JsonElement> GetAsync(string path, CancellationToken cancellationToken = default)
    {
        var result = await SendAsync(HttpMethod.Get, path, null, cancellationToken, null, keyed: false);
        return result.Problem is { } problem ? throw new ApiException(problem) : result.Body;
    }

    /// <summary>GETs a list only when it changed since <paramref name="etag"/>: null when the platform answered 304.</summary>
    public async Task<(JsonElement Body, string? ETag)?> GetIfChangedAsync(string path, string? etag, CancellationToken cancellationToken = default)
    {
        var result = await SendAsync(HttpMethod.Get, path, null, cancellationToken, etag, keyed: false);
        return result.Status == (int)HttpStatusCode.NotModified ? null
            : result.Problem is { } problem ? throw new ApiException(problem)
            : (result.Body, result.ETag);
    }

    /// <summary>Sends a change (with an <c>Idempotency-Key</c>, so a repeated send has one effect) and answers its outcome.</summary>
    public Task<ApiResult> SendAsync(HttpMethod method, string path, object? body, CancellationToken cancellationToken = default) =>
        SendAsync(method, path, body, cancellationToken, null, keyed: method != HttpMethod.Get);

    /// <summary>Asks a question by POST (an authorization check): no <c>Idempotency-Key</c>, since nothing is changed.</summary>
    public Task<ApiResult> AskAsync(string path, object body, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Post, path, body, cancellationToken, null, keyed: false);

    /// <summary>Opens a streamed answer (a followed log); the caller disposes it.</summary>
    public async Task<Stream> OpenStreamAsync(string path, CancellationToken cancellationToken)
    {
        var session = await FreshSessionAsync(cancellationToken);
        var client = clients.CreateClient(ClientName);
        client.Timeout = Timeout.InfiniteTimeSpan;
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", session.AccessToken);
        var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            using (response)
            {
                throw new ApiException(await ApiProblem.ReadAsync(response, cancellationToken));
            }
        }

        return await response.Content.ReadAsStreamAsync(cancellationToken);
    }

    private async Task<ApiResult> SendAsync(HttpMethod method, string path, object? body, CancellationToken cancellationToken, string? etag, bool keyed)
    {
        var session = await FreshSessionAsync(cancellationToken);
        var idempotencyKey = keyed ? Guid.NewGuid().ToString("N") : null;
        var result = await SendOnceAsync(session, method, path, body, idempotencyKey, etag, cancellationToken);
        if (result.Status == (int)HttpStatusCode.Unauthorized)
        {
            session = await RefreshAsync(session, cancellationToken);
            result = await SendOnceAsync(session, method, path, body, idempotencyKey, etag, cancellationToken);
        }

        return result;
    }

    private async Task<ApiResult> SendOnceAsync(ConsoleSession session, HttpMethod method, string path, object? body, string? idempotencyKey,
        string? etag, CancellationToken cancellationToken)
    {
        using var client = clients.CreateClient(ClientName);
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", session.AccessToken);
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        if (etag is not null)
        {
            request.Headers.TryAddWithoutValidation("If-None-Match", etag);
        }

        request.Content = body switch
        {
            null => null,
            string text => new StringContent(text, Encoding.UTF8, "application/json"),
            _ => JsonContent.Create(body, options: JsonSerializerOptions.Web),
        };

        using var response = await client.SendAsync(request, cancellationToken);
        var status = (int)response.StatusCode;
        if (response.IsSuccessStatusCode)
        {
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            var json = text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
            return new ApiResult(status, json, null, response.Headers.ETag?.ToString());
        }

        return status == (int)HttpStatusCode.NotModified
            ? new ApiResult(status, default, null, etag)
            : new ApiResult(status, default, await ApiProblem.ReadAsync(response, cancellationToken), null);
    }

    private async Task<ConsoleSession> FreshSessionAsync(CancellationToken cancellationToken)
    {
        var session = await current.GetAsync();
        return session.AccessExpiresAt - time.GetUtcNow() > RefreshAhead ? session : await RefreshAsync(session, cancellationToken);
    }

    private async Task<ConsoleSession> RefreshAsync(ConsoleSession session, CancellationToken cancellationToken)
    {
        if (session.RefreshToken is null)
        {
            throw await EndAsync(session);
        }

        using var client = clients.CreateClient(ClientName);
        using var response = await client.PostAsJsonAsync("/apis/ghippo.io/v1alpha1/refresh-token", new { refreshToken = session.RefreshToken }, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            // Another page of the same session may have refreshed first: its tokens are the session's now.
            return await store.FindAsync(session.Id) is { } stored && stored.AccessToken != session.AccessToken ? stored : throw await EndAsync(session);
        }

        var answer = await response.Content.ReadFromJsonAsync<RefreshAnswer>(JsonSerializerOptions.Web, cancellationToken)
            ?? throw await EndAsync(session);
        var refreshed = session with { AccessToken = answer.IdToken, RefreshToken = answer.RefreshToken ?? session.RefreshToken, AccessExpiresAt = answer.ExpiresAt };
        await store.SaveAsync(refreshed);
        return refreshed;
    }

    private async Task<SessionEndedException> EndAsync(ConsoleSession session)
    {
        await store.RemoveAsync(session.Id);
        return new SessionEndedException();
    }

    private sealed record RefreshAnswer(string IdToken, string? RefreshToken, DateTimeOffset ExpiresAt);
}

/// <summary>The outcome of one call: a 2xx with its JSON body, or a problem.</summary>
public sealed record ApiResult(int Status, JsonElement Body, ApiProblem? Problem, string? ETag)
{
    public bool Succeeded => Problem is null;
}
