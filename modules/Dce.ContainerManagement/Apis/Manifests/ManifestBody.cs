using System.Text;

namespace Dce.ContainerManagement.Apis;

/// <summary>
/// Reads a manifest body of at most <see cref="ManifestLimits.MaxBytes"/>. The endpoints also carry that limit as
/// request-size metadata for the server; reading stops at it here too, so no setting elsewhere can raise it.
/// </summary>
internal static class ManifestBody
{
    /// <summary>The body as text, or null when it is larger than the limit.</summary>
    public static async Task<string?> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength > ManifestLimits.MaxBytes)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[64 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > ManifestLimits.MaxBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    public static IResult TooLarge() =>
        TypedResults.Problem($"The manifest is larger than {ManifestLimits.MaxBytes / (1024 * 1024)} MiB; split it into several manifests.",
            statusCode: StatusCodes.Status413PayloadTooLarge, title: "The manifest is too large");
}
