// Container image references as manifests write them (`ghcr.io/acme/api:1.2`, `mongo:4.4`, `redis@sha256:…`).

/** `mongo:4.4`, `postgres`, `docker.io/library/redis:7`: an image of Docker Hub's official library (no owner). */
export function officialImage(image: string): boolean {
  const repo = image.replace(/@sha256:.*$/, '').replace(/:[^/:]*$/, '').replace(/^(docker\.io\/|index\.docker\.io\/)?library\//, '').replace(/^docker\.io\//, '');
  return !repo.includes('/') && !repo.includes('$');
}

/** The image's own name, without registry, owner, tag or digest: what a workspace package may be named after. */
export function imageBase(image: string): string {
  const noTag = image.replace(/@sha256:.*$/, '').replace(/:[^/:]*$/, '');
  return noTag.split('/').pop() ?? noTag;
}
