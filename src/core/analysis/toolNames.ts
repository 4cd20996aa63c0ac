/**
 * Developer tools, libraries and services beyond the core technologies of techTerms.ts, in
 * their own spelling: shells and system tools, build tools, package managers, linters, test
 * runners, Python's standard-library modules, database clients, infrastructure and hosted
 * services. A name that is also an English word ("make", "black", "vault") is left out, so
 * prose words are never taken for tools; the capitalised rules still find such names where
 * they are written as names.
 */

// prettier-ignore
export const TOOL_NAMES: readonly string[] = [
  // Shells, system and network tools.
  'bash', 'zsh', 'ksh', 'tcsh', 'systemd', 'systemctl', 'journalctl', 'launchd', 'crontab', 'cron', 'curl', 'wget',
  'grep', 'ripgrep', 'sed', 'awk', 'jq', 'yq', 'rsync', 'tmux', 'htop', 'strace', 'ltrace', 'gdb', 'lldb', 'valgrind',
  'dtrace', 'tcpdump', 'Wireshark', 'netcat', 'nmap', 'openssl', 'OpenSSL', 'OpenSSH', 'LibreSSL', 'BoringSSL', 'gpg',
  'xz', 'gzip', 'bzip2', 'zstd', 'unzip', 'ffmpeg', 'ImageMagick', 'pandoc', 'glibc', 'musl', 'busybox', 'coreutils',
  'Alpine Linux', 'CentOS', 'Fedora', 'RHEL', 'openSUSE', 'FreeBSD', 'OpenBSD', 'WSL', 'WSL2', 'Cygwin', 'MSYS2',
  // Compilers and build tools.
  'CMake', 'Bazel', 'Meson', 'autoconf', 'automake', 'gcc', 'clang', 'rustc', 'rustup', 'rustfmt', 'clippy', 'tsc',
  'swc', 'Turbopack', 'Turborepo', 'Lerna', 'Nx', 'MSBuild', 'Gradle', 'sbt', 'Leiningen', 'CocoaPods', 'Carthage',
  // JavaScript tooling and libraries.
  'npx', 'nvm', 'fnm', 'corepack', 'nodemon', 'pm2', 'ts-node', 'Biome', 'oxlint', 'chai', 'sinon', 'Puppeteer',
  'zod', 'ajv', 'dayjs', 'date-fns', 'luxon', 'immer', 'zustand', 'jotai', 'MobX', 'Vuex', 'Pinia', 'Astro',
  'Gatsby', 'SvelteKit', 'SolidJS', 'Preact', 'htmx', 'Alpine.js', 'PostCSS', 'autoprefixer', 'styled-components',
  'Three.js', 'D3', 'Chart.js', 'Socket.IO', 'Koa', 'hapi', 'tRPC', 'TypeORM', 'Knex', 'Zod',
  'Husky', 'lint-staged', 'Renovate', 'Dependabot', 'Changesets', 'semantic-release', 'Verdaccio', 'Storybook',
  // Python tooling, libraries and standard-library modules that are no English word.
  'pipx', 'pipenv', 'virtualenv', 'venv', 'pyenv', 'conda', 'Miniconda', 'Anaconda', 'mamba', 'uv', 'pdm', 'pytest',
  'tox', 'nox', 'mypy', 'pyright', 'ruff', 'flake8', 'pylint', 'isort', 'pydantic', 'SQLAlchemy', 'Alembic', 
  'gunicorn', 'uvicorn', 'Starlette', 'httpx', 'aiohttp', 'urllib3', 'psycopg2', 'psycopg', 'asyncpg', 'pymongo',
  'boto3', 'botocore', 'SciPy', 'matplotlib', 'seaborn', 'scikit-learn', 'sklearn', 'Jupyter', 'IPython', 'PyArrow',
  'Polars', 'Dask', 'Numba', 'Cython', 'PyInstaller', 'setuptools', 'twine', 'pathlib', 'asyncio',
  'itertools', 'functools', 'subprocess', 'argparse', 'dataclasses', 'distutils', 'unittest', 'hashlib', 'tempfile',
  'shutil', 'contextlib', 'importlib', 'sqlite3', 'tkinter', 'multiprocessing', 'urllib', 'datetime', 'PyPI',
  'Hugging Face', 'spaCy', 'NLTK', 'OpenCV', 'Keras', 'JAX', 'XGBoost', 'LightGBM',
  // Go, Rust, Ruby, PHP, JVM and .NET.
  'gofmt', 'gopls', 'golangci-lint', 'hashbrown', 'rayon', 'thiserror', 'reqwest', 'axum', 'wasm-bindgen', 'crates.io',
  'Bundler', 'RubyGems', 'RSpec', 'RuboCop', 'Sidekiq', 'PHPUnit', 'Symfony', 'JUnit', 'Mockito',
  'Lombok', 'JDK', 'JRE', 'Quarkus', 'Micronaut', 'NuGet', '.NET', 'ASP.NET', 'Blazor', 'Xamarin',
  // Infrastructure, databases and hosted services.
  'kubectl', 'minikube', 'k3s', 'k9s', 'Kustomize', 'Istio', 'Linkerd', 'Argo CD', 'Prometheus', 'Grafana',
  'Loki', 'Jaeger', 'OpenTelemetry', 'Datadog', 'Sentry', 'PagerDuty', 'Terragrunt', 'Pulumi', 'Podman', 'Buildah',
  'containerd', 'runc', 'Docker Compose', 'docker-compose', 'Traefik', 'HAProxy', 'certbot', "Let's Encrypt",
  'psql', 'pg_dump', 'mysqldump', 'mongosh', 'PgBouncer', 'MariaDB', 'CockroachDB', 'Cassandra', 'DynamoDB',
  'ClickHouse', 'BigQuery', 'Supabase', 'Firebase', 'Firestore', 'PlanetScale', 'Memcached', 'etcd',
  'ZooKeeper', 'NATS', 'Keycloak', 'Auth0', 'Okta', 'Kibana', 'Logstash', 'OpenSearch',
  'S3', 'EC2', 'ECS', 'EKS', 'AWS Lambda', 'CloudFront', 'CloudWatch', 'Route 53', 'AWS CLI', 'gcloud', 'Azure CLI',
  'Cloud Run', 'DigitalOcean', 'Hetzner', 'Fly.io', 'CUDA', 'ROCm', 'cuDNN', 'TensorRT', 'Vulkan', 'OpenGL', 
  // Editors, forges and collaboration.
  'IntelliJ', 'IntelliJ IDEA', 'PyCharm', 'WebStorm', 'GoLand', 'Android Studio', 'Visual Studio', 'Sublime Text',
  'Copilot', 'GitHub Copilot', 'Sourcegraph', 'Gitea', 'Forgejo', 'Codeberg', 'Mercurial', 'Subversion', 'Perforce',
  'Confluence', 'Trello', 'Mattermost', 'Travis CI', 'Buildkite', 'TeamCity', 
];

/**
 * The libraries among the names above and in techTerms.ts: a reader tags them `package`
 * ("pydantic", "zod", "pathlib"), and tools, languages and services `product`. Lower case.
 */
// prettier-ignore
export const LIBRARY_NAMES: ReadonlySet<string> = new Set([
  'lodash', 'axios', 'chai', 'sinon', 'zod', 'ajv', 'dayjs', 'date-fns', 'luxon', 'immer', 'zustand', 'jotai', 'mobx',
  'redux', 'rxjs', 'styled-components', 'autoprefixer', 'socket.io', 'trpc', 'typeorm', 'knex', 'numpy', 'pandas',
  'scipy', 'pydantic', 'sqlalchemy', 'httpx', 'aiohttp', 'urllib3', 'psycopg2', 'psycopg', 'asyncpg', 'pymongo', 'boto3',
  'botocore', 'matplotlib', 'seaborn', 'scikit-learn', 'sklearn', 'pyarrow', 'setuptools', 'pathlib', 'asyncio',
  'itertools', 'functools', 'subprocess', 'argparse', 'dataclasses', 'distutils', 'unittest', 'hashlib', 'tempfile',
  'shutil', 'contextlib', 'importlib', 'sqlite3', 'tkinter', 'multiprocessing', 'urllib', 'datetime', 'hashbrown',
  'rayon', 'thiserror', 'reqwest', 'wasm-bindgen', 'serde', 'tokio',
]);
