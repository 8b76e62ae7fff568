using Microsoft.AspNetCore.Http.Features;

namespace Dce.GlobalManagement.Infrastructure;

/// <summary>Refuses request bodies larger than any request of this API needs, before anything reads them.</summary>
public static class RequestSizeLimit
{
    public const long MaxBodyBytes = 64 * 1024;

    public static WebApplication UseRequestSizeLimit(this WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
            {
                limit.MaxRequestBodySize = MaxBodyBytes;
            }

            if (context.Request.ContentLength > MaxBodyBytes)
            {
                context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
                await Results.Problem(
                    detail: $"The request body is larger than {MaxBodyBytes} bytes; send a smaller one.",
                    statusCode: StatusCodes.Status413PayloadTooLarge,
                    title: "The request is too large.").ExecuteAsync(context);
                return;
            }

            await next(context);
        });
        return app;
    }
}
