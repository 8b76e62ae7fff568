using System.Text.Json.Serialization;

namespace Dce.Multicloud.Engine.Model;

/// <summary>The part of <c>[registry/]repository[:tag|@digest]</c> an image overrider changes.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ImageComponent>))]
public enum ImageComponent
{
    Registry,
    Repository,
    Tag,
}
