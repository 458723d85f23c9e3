<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="id_ID" sourcelanguage="en_GB">
  <context>
    <name>KaltimInternet</name>
    <message>
      <source>all analysis tools</source>
      <translation>semua alat analisis</translation>
    </message>
    <message>
      <source>budgeted site selection (exact MILP with HiGHS, scipy.optimize.milp), candidate sites and technology choice</source>
      <translation>pemilihan site dengan anggaran (MILP eksak dengan HiGHS, scipy.optimize.milp), kandidat site dan pemilihan teknologi</translation>
    </message>
    <message>
      <source>rasters, coverage and file export</source>
      <translation>raster, cakupan dan ekspor berkas</translation>
    </message>
    <message>
      <source>team mode (plan on PostGIS)</source>
      <translation>mode tim (rencana di PostGIS)</translation>
    </message>
    <message>
      <source>On Windows, run the OSGeo4W installer (osgeo4w-setup.exe, the one that installed QGIS), choose 'Advanced Install', search for the package {package}, select it and finish, then restart QGIS. Or run in the OSGeo4W Shell: python -m pip install --upgrade "{pip}". On Debian/Ubuntu: apt install {deb}.</source>
      <translation>Di Windows, jalankan penginstal OSGeo4W (osgeo4w-setup.exe, yang dipakai untuk memasang QGIS), pilih 'Advanced Install', cari paket {package}, pilih lalu selesaikan, kemudian mulai ulang QGIS. Atau jalankan di OSGeo4W Shell: python -m pip install --upgrade "{pip}". Di Debian/Ubuntu: apt install {deb}.</translation>
    </message>
    <message>
      <source>{need} is needed for {purpose}, but version {found} is installed.</source>
      <translation>{need} diperlukan untuk {purpose}, tetapi yang terpasang versi {found}.</translation>
    </message>
    <message>
      <source>{need} is needed for {purpose}, but it is not installed.</source>
      <translation>{need} diperlukan untuk {purpose}, tetapi belum terpasang.</translation>
    </message>
    <message>
      <source>Internet Desa Kaltim: Python modules it needs are missing or too old; the tools that need them are not available until they are installed:</source>
      <translation>Internet Desa Kaltim: modul Python yang diperlukan tidak ada atau terlalu lama; alat yang memerlukannya tidak tersedia sampai modul itu dipasang:</translation>
    </message>
    <message>
      <source>Internet Desa Kaltim: optional Python modules are missing (the rest of the plugin works):</source>
      <translation>Internet Desa Kaltim: modul Python opsional tidak ada (bagian lain plugin tetap berfungsi):</translation>
    </message>
    <message>
      <source>Choose another folder.</source>
      <translation>Pilih folder lain.</translation>
    </message>
    <message>
      <source>Unknown propagation model '{value}'. Use one of: {allowed}.</source>
      <translation>Model propagasi '{value}' tidak dikenal. Gunakan salah satu dari: {allowed}.</translation>
    </message>
    <message>
      <source>Unknown signal quantity '{value}'. Use one of: {allowed}.</source>
      <translation>Besaran sinyal '{value}' tidak dikenal. Gunakan salah satu dari: {allowed}.</translation>
    </message>
    <message>
      <source>Unknown resolution '{value}'. Use one of: {allowed}.</source>
      <translation>Resolusi '{value}' tidak dikenal. Gunakan salah satu dari: {allowed}.</translation>
    </message>
    <message>
      <source>{name} = {value} is outside its valid range {low} to {high}. Enter a value in that range.</source>
      <translation>{name} = {value} di luar rentang yang sah {low} sampai {high}. Masukkan nilai dalam rentang itu.</translation>
    </message>
    <message>
      <source>The coverage raster's metadata item {name} has the malformed value '{value}'. Run 'Compute coverage' again to rewrite it.</source>
      <translation>Item metadata {name} pada raster cakupan bernilai tidak sah '{value}'. Jalankan lagi 'Hitung cakupan' untuk menulis ulang.</translation>
    </message>
    <message>
      <source>Cannot open the raster {path} to write its coverage settings. Check that the folder is writable.</source>
      <translation>Raster {path} tidak dapat dibuka untuk menulis pengaturan cakupannya. Periksa bahwa folder dapat ditulisi.</translation>
    </message>
    <message>
      <source>The clutter table {path} does not exist. Give a CSV file with the columns class, clutter_height_m, clutter_distance_km, or leave CLUTTER_TABLE empty for the shipped ESA WorldCover table.</source>
      <translation>Tabel clutter {path} tidak ada. Berikan file CSV dengan kolom class, clutter_height_m, clutter_distance_km, atau kosongkan CLUTTER_TABLE untuk memakai tabel ESA WorldCover bawaan.</translation>
    </message>
    <message>
      <source>Clutter table {path}: row {row} has {cells} cells but the header has {columns}: a decimal comma? Write 0.03, or quote the cell ("0,03"), or save the table with ';' between the cells.</source>
      <translation>Tabel clutter {path}: baris {row} berisi {cells} sel, padahal judul kolom berisi {columns}: koma desimal? Tulis 0.03, atau beri tanda kutip pada sel ("0,03"), atau simpan tabel dengan ';' sebagai pemisah sel.</translation>
    </message>
    <message>
      <source>Clutter table {path}: the column {column} is given twice in the header (row {row}, columns {columns}). Keep one of them.</source>
      <translation>Tabel clutter {path}: kolom {column} muncul dua kali pada judul kolom (baris {row}, kolom {columns}). Pertahankan salah satunya.</translation>
    </message>
    <message>
      <source>Clutter table {path}: the quote opened on row {row} is never closed. Close it or remove it.</source>
      <translation>Tabel clutter {path}: tanda kutip yang dibuka pada baris {row} tidak pernah ditutup. Tutup atau hapus tanda kutip itu.</translation>
    </message>
    <message>
      <source>Cannot read the clutter table {path} ({error}). Save it as CSV with the columns class, clutter_height_m and clutter_distance_km.</source>
      <translation>Tabel clutter {path} tidak dapat dibaca ({error}). Simpan sebagai CSV dengan kolom class, clutter_height_m dan clutter_distance_km.</translation>
    </message>
    <message>
      <source>The clutter table {path} has no rows. Add one row per land-cover class.</source>
      <translation>Tabel clutter {path} tidak berisi baris. Tambahkan satu baris per kelas tutupan lahan.</translation>
    </message>
    <message>
      <source>The clutter table {path} lacks the column(s) {missing}. Its header must hold class, clutter_height_m and clutter_distance_km.</source>
      <translation>Tabel clutter {path} tidak memiliki kolom {missing}. Judul kolomnya harus memuat class, clutter_height_m dan clutter_distance_km.</translation>
    </message>
    <message>
      <source>Clutter table {path}, row {row}, column {column}: '{value}' is not a number. Write a number such as 20 or 0.03.</source>
      <translation>Tabel clutter {path}, baris {row}, kolom {column}: '{value}' bukan angka. Tulis angka seperti 20 atau 0.03.</translation>
    </message>
    <message>
      <source>Clutter table {path}, row {row}, column {column}: '{value}' is not a whole class number. Use the land-cover raster's class values (e.g. 10).</source>
      <translation>Tabel clutter {path}, baris {row}, kolom {column}: '{value}' bukan nomor kelas bulat. Gunakan nilai kelas raster tutupan lahan (mis. 10).</translation>
    </message>
    <message>
      <source>Clutter table {path}, row {row}, column {column}: {value} is outside {low} to {high}. Correct the value.</source>
      <translation>Tabel clutter {path}, baris {row}, kolom {column}: {value} di luar rentang {low} sampai {high}. Perbaiki nilainya.</translation>
    </message>
    <message>
      <source>Clutter table {path}, row {row}: class {value} is given twice. Keep one row per class.</source>
      <translation>Tabel clutter {path}, baris {row}: kelas {value} tercantum dua kali. Simpan satu baris per kelas.</translation>
    </message>
    <message>
      <source>Cannot read the land-cover raster {path}. Check the path and that it is a GDAL raster (e.g. GeoTIFF).</source>
      <translation>Raster tutupan lahan {path} tidak dapat dibaca. Periksa path-nya dan pastikan itu raster GDAL (mis. GeoTIFF).</translation>
    </message>
    <message>
      <source>The clutter table {path} changed since the coverage raster was computed (recorded {expected}, now {found}). Run 'Compute coverage' again so that every step uses the same clutter.</source>
      <translation>Tabel clutter {path} berubah sejak raster cakupan dihitung (tercatat {expected}, sekarang {found}). Jalankan 'Hitung cakupan' lagi agar setiap langkah memakai clutter yang sama.</translation>
    </message>
    <message>
      <source>Site {site_id}: the {what} '{value}' is not a number. Enter a number in the site's form.</source>
      <translation>Menara {site_id}: {what} '{value}' bukan angka. Isikan angka pada formulir menara.</translation>
    </message>
    <message>
      <source>Site {site_id}: the {what} {value} is outside {low} to {high}. Enter a value in that range in the site's form.</source>
      <translation>Menara {site_id}: {what} {value} di luar rentang {low} sampai {high}. Isikan nilai dalam rentang itu pada formulir menara.</translation>
    </message>
    <message>
      <source>Cannot open the existing coverage raster {path} {reason}. Choose the raster written by 'Compute coverage', or leave it empty.</source>
      <translation>Raster cakupan eksisting {path} tidak dapat dibuka {reason}. Pilih raster yang ditulis oleh 'Hitung cakupan', atau kosongkan.</translation>
    </message>
    <message>
      <source>The DEM cannot be used for the preview: {error}</source>
      <translation>DEM tidak dapat dipakai untuk pratinjau: {error}</translation>
    </message>
    <message>
      <source>The preview could not compute the site's coverage: {error}</source>
      <translation>Pratinjau tidak dapat menghitung cakupan menara: {error}</translation>
    </message>
    <message>
      <source>Site {site_id} has no technology: choose 2G, 3G, 4G or 5G in its form. No preview.</source>
      <translation>Menara {site_id} belum memiliki teknologi: pilih 2G, 3G, 4G atau 5G di formulirnya. Tidak ada pratinjau.</translation>
    </message>
    <message>
      <source>Site {site_id}: unknown technology '{tech}'. Choose 2G, 3G, 4G or 5G in its form.</source>
      <translation>Menara {site_id}: teknologi '{tech}' tidak dikenal. Pilih 2G, 3G, 4G atau 5G pada formulirnya.</translation>
    </message>
    <message>
      <source>Site {site_id} is outside the DEM: move it onto the terrain model. No preview.</source>
      <translation>Menara {site_id} berada di luar DEM: pindahkan ke atas model medan. Tidak ada pratinjau.</translation>
    </message>
    <message>
      <source>no coordinates (lon/lat empty): fill in both columns in decimal degrees</source>
      <translation>tanpa koordinat (lon/lat kosong): isi kedua kolom dalam derajat desimal</translation>
    </message>
    <message>
      <source>coordinates out of range (lon {lon}, lat {lat}): write decimal degrees WGS 84{hint}</source>
      <translation>koordinat di luar rentang (lon {lon}, lat {lat}): tulis derajat desimal WGS 84{hint}</translation>
    </message>
    <message>
      <source>outside the province (lon {lon}, lat {lat} not within lon {min_lon} to {max_lon}, lat {min_lat} to {max_lat}){hint}</source>
      <translation>di luar provinsi (lon {lon}, lat {lat} tidak di dalam lon {min_lon} sampai {max_lon}, lat {min_lat} sampai {max_lat}){hint}</translation>
    </message>
    <message>
      <source>radio empty: write GSM, UMTS, CDMA, LTE or NR</source>
      <translation>radio kosong: tulis GSM, UMTS, CDMA, LTE atau NR</translation>
    </message>
    <message>
      <source>unknown radio '{value}': write GSM, UMTS, CDMA, LTE or NR</source>
      <translation>radio '{value}' tidak dikenal: tulis GSM, UMTS, CDMA, LTE atau NR</translation>
    </message>
    <message>
      <source>mcc or net (MNC) empty: fill in the operator's codes (Indonesia: mcc 510)</source>
      <translation>mcc atau net (MNC) kosong: isi kode operator (Indonesia: mcc 510)</translation>
    </message>
    <message>
      <source>cell id empty: fill in the cell column</source>
      <translation>id sel kosong: isi kolom cell</translation>
    </message>
    <message>
      <source>unknown technology '{value}': write 2G, 3G, 4G or 5G (or GSM, UMTS, LTE, NR)</source>
      <translation>teknologi '{value}' tidak dikenal: tulis 2G, 3G, 4G atau 5G (atau GSM, UMTS, LTE, NR)</translation>
    </message>
    <message>
      <source>antenna height {value} m is not plausible: write a height between {low} and {high} m</source>
      <translation>tinggi antena {value} m tidak masuk akal: tulis tinggi antara {low} dan {high} m</translation>
    </message>
    <message>
      <source>frequency {value} MHz is not plausible: write a frequency between {low} and {high} MHz</source>
      <translation>frekuensi {value} MHz tidak masuk akal: tulis frekuensi antara {low} dan {high} MHz</translation>
    </message>
    <message>
      <source>frequency {raw}, read as {raw} GHz = {value} MHz (a value below 30 is in GHz), is not plausible: write a frequency between {low} and {high} MHz</source>
      <translation>frekuensi {raw}, dibaca sebagai {raw} GHz = {value} MHz (nilai di bawah 30 dalam GHz), tidak masuk akal: tulis frekuensi antara {low} dan {high} MHz</translation>
    </message>
    <message>
      <source>EIRP {value} dBm is not plausible: write an EIRP between {low} and {high} dBm</source>
      <translation>EIRP {value} dBm tidak masuk akal: tulis EIRP antara {low} dan {high} dBm</translation>
    </message>
    <message>
      <source>site id '{site_id}' is already used on row {first}: give each site its own id</source>
      <translation>id menara '{site_id}' sudah dipakai di baris {first}: beri setiap menara id sendiri</translation>
    </message>
    <message>
      <source>Cannot open the coverage raster {path} {reason}. Choose the raster written by 'Compute coverage'.</source>
      <translation>Raster cakupan {path} tidak dapat dibuka {reason}. Pilih raster yang ditulis oleh 'Hitung cakupan'.</translation>
    </message>
    <message>
      <source>The coverage raster {path} is rotated. Warp it to a north-up grid first (Raster &gt; Projections &gt; Warp).</source>
      <translation>Raster cakupan {path} terputar. Ubah dulu ke grid yang menghadap utara (Raster &gt; Proyeksi &gt; Warp).</translation>
    </message>
    <message>
      <source>The coverage raster {path} has no north-up geotransform. Warp it first (Raster &gt; Projections &gt; Warp).</source>
      <translation>Raster cakupan {path} tidak memiliki geotransform menghadap utara. Ubah dulu (Raster &gt; Proyeksi &gt; Warp).</translation>
    </message>
    <message>
      <source>The shares must satisfy 0 &lt;= partial share ({partial}) &lt;= covered share ({covered}) &lt;= 1. Correct them.</source>
      <translation>Pangsa harus memenuhi 0 &lt;= pangsa sebagian ({partial}) &lt;= pangsa tercakup ({covered}) &lt;= 1. Perbaiki nilainya.</translation>
    </message>
    <message>
      <source>The threshold must be a number of dBm (got '{value}'), e.g. -110.</source>
      <translation>Ambang harus berupa angka dBm (diberikan '{value}'), mis. -110.</translation>
    </message>
    <message>
      <source>None of the {n} villages overlaps the coverage raster (extent {extent}). Check that both layers have the right CRS and cover the same area.</source>
      <translation>Tidak satu pun dari {n} desa bertumpang tindih dengan raster cakupan (batas {extent}). Periksa bahwa kedua layer memiliki CRS yang benar dan mencakup wilayah yang sama.</translation>
    </message>
    <message>
      <source>'{token}' is neither a preset nor a criterion=weight pair. Presets: {presets}; criteria: {criteria}.</source>
      <translation>'{token}' bukan preset maupun pasangan kriteria=bobot. Preset: {presets}; kriteria: {criteria}.</translation>
    </message>
    <message>
      <source>'{token}' has no '=': write criterion=weight, e.g. population=0.3.</source>
      <translation>'{token}' tidak memiliki '=': tulis kriteria=bobot, mis. population=0.3.</translation>
    </message>
    <message>
      <source>Unknown criterion '{name}'. Valid criteria: {criteria}.</source>
      <translation>Kriteria '{name}' tidak dikenal. Kriteria yang sah: {criteria}.</translation>
    </message>
    <message>
      <source>The criterion '{name}' is given twice: give each criterion once.</source>
      <translation>Kriteria '{name}' diberikan dua kali: berikan setiap kriteria sekali saja.</translation>
    </message>
    <message>
      <source>The weight of '{name}' ('{value}') is not a number: write e.g. 0.3.</source>
      <translation>Bobot '{name}' ('{value}') bukan angka: tulis mis. 0.3.</translation>
    </message>
    <message>
      <source>The weight of '{name}' must be a number of 0 or more.</source>
      <translation>Bobot '{name}' harus berupa angka 0 atau lebih.</translation>
    </message>
    <message>
      <source>All weights are zero: give at least one criterion a positive weight.</source>
      <translation>Semua bobot nol: beri setidaknya satu kriteria bobot positif.</translation>
    </message>
    <message>
      <source>Cost table, row {row}: the item has no key. Give each row its key (e.g. bts_4g_3t).</source>
      <translation>Tabel biaya, baris {row}: item tidak memiliki kunci. Beri setiap baris kuncinya (mis. bts_4g_3t).</translation>
    </message>
    <message>
      <source>Cost table, row {row}, item '{key}': {field} '{value}' is not an amount of rupiah. Write it like 1.500.000 or 2,6e9.</source>
      <translation>Tabel biaya, baris {row}, item '{key}': {field} '{value}' bukan jumlah rupiah. Tulis seperti 1.500.000 atau 2,6e9.</translation>
    </message>
    <message>
      <source>Cost table, row {row}, item '{key}': {field} '{value}' must be 0 or more.</source>
      <translation>Tabel biaya, baris {row}, item '{key}': {field} '{value}' harus 0 atau lebih.</translation>
    </message>
    <message>
      <source>Cost table, row {row}, item '{key}': unit '{value}' is not one of {allowed}.</source>
      <translation>Tabel biaya, baris {row}, item '{key}': satuan '{value}' bukan salah satu dari {allowed}.</translation>
    </message>
    <message>
      <source>The cost table is not valid JSON ({error}). Save it again from the cost table editor or use a CSV.</source>
      <translation>Tabel biaya bukan JSON yang sah ({error}). Simpan ulang dari penyunting tabel biaya atau gunakan CSV.</translation>
    </message>
    <message>
      <source>The cost table JSON must be a list of items or an object with 'items'.</source>
      <translation>JSON tabel biaya harus berupa daftar item atau objek dengan 'items'.</translation>
    </message>
    <message>
      <source>The cost table CSV is empty or cannot be read ({reason}). Its header must hold key, label_id, label_en, capex_idr, opex_idr_year, unit, source.</source>
      <translation>CSV tabel biaya kosong atau tidak dapat dibaca ({reason}). Judul kolomnya harus memuat key, label_id, label_en, capex_idr, opex_idr_year, unit, source.</translation>
    </message>
    <message>
      <source>This is not a cost table: its header has no column(s) {columns} (its columns: {found}). A cost table has one row per item with the columns {required} (source may be empty). Choose the cost table file (e.g. one saved from the cost table editor), or use the default table.</source>
      <translation>Ini bukan tabel biaya: baris judulnya tidak memiliki kolom {columns} (kolom-kolomnya: {found}). Tabel biaya memiliki satu baris per item dengan kolom {required} (source boleh kosong). Pilih berkas tabel biaya (mis. yang disimpan dari editor tabel biaya), atau gunakan tabel bawaan.</translation>
    </message>
    <message>
      <source>Cost table, row {row}: the key '{key}' is already given in row {first}. Keep one row per item (the later one replaced the earlier, silently).</source>
      <translation>Tabel biaya, baris {row}: kunci '{key}' sudah ada di baris {first}. Simpan satu baris per item (baris yang kemudian menggantikan yang sebelumnya tanpa pemberitahuan).</translation>
    </message>
    <message>
      <source>Cost table, row {row}: the field(s) {fields} are empty. Fill them in.</source>
      <translation>Tabel biaya, baris {row}: kolom {fields} kosong. Isi kolom itu.</translation>
    </message>
    <message>
      <source>The cost table has no item '{key}' that this step needs (its items: {items}). Add the row, or start from the default table.</source>
      <translation>Tabel biaya tidak memiliki item '{key}' yang diperlukan langkah ini (itemnya: {items}). Tambahkan barisnya, atau mulai dari tabel bawaan.</translation>
    </message>
    <message>
      <source>The DEM {path} is in geographic degrees; coverage needs a projected DEM in metres. Reproject it (e.g. to EPSG:32750, UTM 50S) and give the sites in that CRS.</source>
      <translation>DEM {path} dalam derajat geografis; cakupan memerlukan DEM terproyeksi dalam meter. Proyeksikan ulang (mis. ke EPSG:32750, UTM 50S) dan berikan menara dalam CRS itu.</translation>
    </message>
    <message>
      <source>The DEM {path} uses linear units of {unit} m, not metres. Reproject it to a metric CRS such as EPSG:32750 (UTM 50S).</source>
      <translation>DEM {path} memakai satuan linear {unit} m, bukan meter. Proyeksikan ulang ke CRS metrik seperti EPSG:32750 (UTM 50S).</translation>
    </message>
    <message>
      <source>The DEM {path} is rotated or flipped (not a north-up grid). Warp it first (Raster &gt; Projections &gt; Warp).</source>
      <translation>DEM {path} terputar atau terbalik (bukan grid menghadap utara). Ubah dulu (Raster &gt; Proyeksi &gt; Warp).</translation>
    </message>
    <message>
      <source>Cannot open the DEM {path} ({reason}). Check the path and that it is a GDAL raster (e.g. GeoTIFF).</source>
      <translation>DEM {path} tidak dapat dibuka ({reason}). Periksa path-nya dan pastikan itu raster GDAL (mis. GeoTIFF).</translation>
    </message>
    <message>
      <source>Reprojecting the DEM {path} to EPSG:{epsg} failed ({reason}). Reproject it yourself (Raster &gt; Projections &gt; Warp) and try again.</source>
      <translation>Proyeksi ulang DEM {path} ke EPSG:{epsg} gagal ({reason}). Proyeksikan ulang sendiri (Raster &gt; Proyeksi &gt; Warp) lalu coba lagi.</translation>
    </message>
    <message>
      <source>No sites given: add at least one tower or site to compute coverage.</source>
      <translation>Tidak ada menara: tambahkan setidaknya satu menara atau lokasi untuk menghitung cakupan.</translation>
    </message>
    <message>
      <source>The maximum radius must be a number of metres above 0 (got '{value}').</source>
      <translation>Radius maksimum harus berupa angka meter di atas 0 (diberikan '{value}').</translation>
    </message>
    <message>
      <source>The k-factor must be above 0 (got '{value}'); 1.3333 is the normal atmosphere.</source>
      <translation>Faktor k harus di atas 0 (diberikan '{value}'); 1,3333 adalah atmosfer normal.</translation>
    </message>
    <message>
      <source>Site {site_id} has an invalid frequency ({value} MHz). Give its frequency in MHz, e.g. 900.</source>
      <translation>Menara {site_id} memiliki frekuensi tidak sah ({value} MHz). Berikan frekuensinya dalam MHz, mis. 900.</translation>
    </message>
    <message>
      <source>All {n} site(s) are outside the DEM extent {extent}: {ids}. Check that the site coordinates are in the DEM's CRS, or choose the DEM that covers them.</source>
      <translation>Semua {n} menara berada di luar batas DEM {extent}: {ids}. Periksa bahwa koordinat menara dalam CRS DEM, atau pilih DEM yang mencakupnya.</translation>
    </message>
    <message>
      <source>Capacity table, row {row}, column '{column}': '{value}' is not a whole number of installations of 0 or more. Enter a number such as 120 (or leave the cell empty for no limit).</source>
      <translation>Tabel kapasitas, baris {row}, kolom '{column}': '{value}' bukan bilangan bulat pemasangan 0 atau lebih. Masukkan angka seperti 120 (atau kosongkan sel untuk tanpa batas).</translation>
    </message>
    <message>
      <source>Capacity table, row {row}, column '{column}': '{value}' is not a year. Enter a year such as 2027, or '{all}' for every year.</source>
      <translation>Tabel kapasitas, baris {row}, kolom '{column}': '{value}' bukan tahun. Masukkan tahun seperti 2027, atau '{all}' untuk setiap tahun.</translation>
    </message>
    <message>
      <source>Capacity table, row {row}, column '{column}': unknown technology '{value}'. Use one of: {allowed}.</source>
      <translation>Tabel kapasitas, baris {row}, kolom '{column}': teknologi '{value}' tidak dikenal. Gunakan salah satu dari: {allowed}.</translation>
    </message>
    <message>
      <source>The capacity table has no column '{column}'. Its columns are: year, tech, kab_code (optional), provider (optional), max_installations.</source>
      <translation>Tabel kapasitas tidak memiliki kolom '{column}'. Kolomnya: year, tech, kab_code (opsional), provider (opsional), max_installations.</translation>
    </message>
    <message>
      <source>The capacity table's sheet '{sheet}' (the workbook's first sheet, the one read) has no column '{column}' (its columns: {found}). Put the table on the first sheet, with the columns year, tech, kab_code (optional), provider (optional), max_installations.</source>
      <translation>Lembar '{sheet}' pada tabel kapasitas (lembar pertama buku kerja, yang dibaca) tidak memiliki kolom '{column}' (kolomnya: {found}). Letakkan tabel di lembar pertama, dengan kolom year, tech, kab_code (opsional), provider (opsional), max_installations.</translation>
    </message>
    <message>
      <source>The capacity table {path} has no rows.</source>
      <translation>Tabel kapasitas {path} tidak berisi baris.</translation>
    </message>
    <message>
      <source>Capacity table, row {row}, column '{column}': the year {value} is outside 2000 to 2100. Enter a year of the roadmap, such as 2027, or '{all}' for every year.</source>
      <translation>Tabel kapasitas, baris {row}, kolom '{column}': tahun {value} di luar 2000 sampai 2100. Isi tahun peta jalan, mis. 2027, atau '{all}' untuk setiap tahun.</translation>
    </message>
    <message>
      <source>Capacity table, row {row} repeats the limit of row {first} ({what}): keep one of them (which one holds would depend on the order of the rows).</source>
      <translation>Tabel kapasitas, baris {row} mengulang batas baris {first} ({what}): simpan salah satunya (mana yang berlaku akan bergantung pada urutan baris).</translation>
    </message>
    <message>
      <source>The BTS lead time must be between 0 and 60 months (got {value}).</source>
      <translation>Waktu tunggu BTS harus antara 0 dan 60 bulan (diberikan {value}).</translation>
    </message>
    <message>
      <source>The programme status table has no village code column (kode_desa, kode, kode_bps) and no village name column (nama_desa, desa); its columns are: {columns}. Rename the column holding the Kemendagri code to kode_desa.</source>
      <translation>Tabel status program tidak memiliki kolom kode desa (kode_desa, kode, kode_bps) maupun kolom nama desa (nama_desa, desa); kolomnya: {columns}. Ubah nama kolom berisi kode Kemendagri menjadi kode_desa.</translation>
    </message>
    <message>
      <source>The programme status table has no 'terhubung' (connected yes/no) and no 'teknologi' column; its columns are: {columns}. Add one of them.</source>
      <translation>Tabel status program tidak memiliki kolom 'terhubung' (ya/tidak) maupun 'teknologi'; kolomnya: {columns}. Tambahkan salah satunya.</translation>
    </message>
    <message>
      <source>The programme status table has no rows under its header.</source>
      <translation>Tabel status program tidak berisi baris di bawah judul kolomnya.</translation>
    </message>
    <message>
      <source>'{value}' matches no village of the layer (by code, or by name and kecamatan). Correct the code (Kemendagri, e.g. 64.02.01.2001), or write the village's name and kecamatan as the village layer has them.</source>
      <translation>'{value}' tidak cocok dengan desa mana pun pada layer (menurut kode, atau nama dan kecamatan). Perbaiki kodenya (Kemendagri, mis. 64.02.01.2001), atau tulis nama desa dan kecamatannya seperti pada layer desa.</translation>
    </message>
    <message>
      <source>'{value}' matches no single village of the layer: villages of that name are {hint}. Write the code (Kemendagri, e.g. 64.02.01.2001) or the kecamatan of the one meant.</source>
      <translation>'{value}' tidak cocok dengan satu desa saja pada layer: desa dengan nama itu adalah {hint}. Tulis kodenya (Kemendagri, mis. 64.02.01.2001) atau kecamatan desa yang dimaksud.</translation>
    </message>
    <message>
      <source>village {code} is already given in row {first}; this row is ignored. Keep one row per village.</source>
      <translation>desa {code} sudah tercantum di baris {first}; baris ini diabaikan. Simpan satu baris per desa.</translation>
    </message>
    <message>
      <source>village {code}: technology '{value}' is not known (fibre service, FWA, satellite, radio); the village counts as connected by an unknown technology.</source>
      <translation>desa {code}: teknologi '{value}' tidak dikenal (layanan serat optik, FWA, satelit, radio); desa dihitung tersambung dengan teknologi yang tidak diketahui.</translation>
    </message>
    <message>
      <source>village {code}: 'terhubung' = '{value}' is neither ya nor tidak; the row is ignored. Write ya or tidak.</source>
      <translation>desa {code}: 'terhubung' = '{value}' bukan ya maupun tidak; baris diabaikan. Tulis ya atau tidak.</translation>
    </message>
    <message>
      <source>village {code}: monthly fee '{value}' is not an amount of rupiah; the default fee of its technology is used. Write it as 1.500.000.</source>
      <translation>desa {code}: biaya bulanan '{value}' bukan jumlah rupiah; biaya bawaan teknologinya yang dipakai. Tulis seperti 1.500.000.</translation>
    </message>
    <message>
      <source>village {code}: monthly fee '{value}' is negative; the default fee of its technology is used. Write the amount without a minus sign.</source>
      <translation>desa {code}: biaya bulanan '{value}' negatif; biaya bawaan teknologinya yang dipakai. Tulis jumlahnya tanpa tanda minus.</translation>
    </message>
    <message>
      <source>village {code}: monthly fee '{value}' is above Rp {high} a month for one village, a typing error?; the default fee of its technology is used. Check the digits.</source>
      <translation>desa {code}: biaya bulanan '{value}' di atas Rp {high} sebulan untuk satu desa, salah ketik?; biaya bawaan teknologinya dipakai. Periksa digitnya.</translation>
    </message>
    <message>
      <source>village {code}: {column} '{value}' is not a date; write dd-mm-yyyy.</source>
      <translation>desa {code}: {column} '{value}' bukan tanggal; tulis dd-mm-yyyy.</translation>
    </message>
    <message>
      <source>village {code}: connected since {date}, after the status date {as_of}. Check the date.</source>
      <translation>desa {code}: tersambung sejak {date}, setelah tanggal status {as_of}. Periksa tanggalnya.</translation>
    </message>
    <message>
      <source>village {code}: the contract ended on {date}, before the status date {as_of}: its renewal is due and is planned in the roadmap's first year.</source>
      <translation>desa {code}: kontrak berakhir pada {date}, sebelum tanggal status {as_of}: perpanjangannya jatuh tempo dan direncanakan pada tahun pertama roadmap.</translation>
    </message>
    <message>
      <source>the row is ignored; also, its technology '{value}' is not known (fibre service, FWA, satellite, radio). Write one of them.</source>
      <translation>baris diabaikan; selain itu, teknologinya '{value}' tidak dikenal (layanan serat optik, FWA, satelit, radio). Tulis salah satunya.</translation>
    </message>
    <message>
      <source>the row is ignored; also, its monthly fee '{value}' is not an amount of rupiah. Write it as 1.500.000.</source>
      <translation>baris diabaikan; selain itu, biaya bulanannya '{value}' bukan jumlah rupiah. Tulis seperti 1.500.000.</translation>
    </message>
    <message>
      <source>the row is ignored; also, its monthly fee '{value}' is negative. Write the amount without a minus sign.</source>
      <translation>baris diabaikan; selain itu, biaya bulanannya '{value}' negatif. Tulis jumlahnya tanpa tanda minus.</translation>
    </message>
    <message>
      <source>the row is ignored; also, its monthly fee '{value}' is above Rp {high} a month for one village, a typing error? Check the digits.</source>
      <translation>baris diabaikan; selain itu, biaya bulanannya '{value}' di atas Rp {high} sebulan untuk satu desa, salah ketik? Periksa digitnya.</translation>
    </message>
    <message>
      <source>the row is ignored; also, its {column} '{value}' is not a date; write dd-mm-yyyy.</source>
      <translation>baris diabaikan; selain itu, {column} '{value}' bukan tanggal; tulis dd-mm-yyyy.</translation>
    </message>
    <message>
      <source>the row is ignored; also, it says connected since {date}, after the status date {as_of}. Check the date.</source>
      <translation>baris diabaikan; selain itu, tertulis tersambung sejak {date}, setelah tanggal status {as_of}. Periksa tanggalnya.</translation>
    </message>
    <message>
      <source>not a date/time ({value})</source>
      <translation>bukan tanggal/waktu ({value})</translation>
    </message>
    <message>
      <source>empty date/time</source>
      <translation>tanggal/waktu kosong</translation>
    </message>
    <message>
      <source>the period {value} does not lie within one month: report it per month (or per day), e.g. one row for 28/11/2026 s/d 30/11/2026 and one for 01/12/2026 s/d 04/12/2026</source>
      <translation>periode {value} tidak berada dalam satu bulan: laporkan per bulan (atau per hari), mis. satu baris untuk 28/11/2026 s/d 30/11/2026 dan satu untuk 01/12/2026 s/d 04/12/2026</translation>
    </message>
    <message>
      <source>not a month ({value}); write YYYY-MM, e.g. 2026-10 (or Okt 2026, 10/2026)</source>
      <translation>bukan bulan ({value}); tulis YYYY-MM, mis. 2026-10 (atau Okt 2026, 10/2026)</translation>
    </message>
    <message>
      <source>not a date/time ({value}); use YYYY-MM-DD HH:MM:SS</source>
      <translation>bukan tanggal/waktu ({value}); gunakan YYYY-MM-DD HH:MM:SS</translation>
    </message>
    <message>
      <source>not a valid date/time ({value}): {why}</source>
      <translation>tanggal/waktu tidak valid ({value}): {why}</translation>
    </message>
    <message>
      <source>missing period</source>
      <translation>periode tidak ada</translation>
    </message>
    <message>
      <source>not a valid month ({value})</source>
      <translation>bulan tidak valid ({value})</translation>
    </message>
    <message>
      <source>not a yes/no value ({value})</source>
      <translation>bukan nilai ya/tidak ({value})</translation>
    </message>
    <message>
      <source>not a number ({value})</source>
      <translation>bukan angka ({value})</translation>
    </message>
    <message>
      <source>{column}: {error}</source>
      <translation>{column}: {error}</translation>
    </message>
    <message>
      <source>missing site or village code</source>
      <translation>kode site atau desa tidak ada</translation>
    </message>
    <message>
      <source>a row of totals or averages ({code} in the code column), not a site or village: not imported (nothing to do)</source>
      <translation>baris jumlah atau rata-rata ({code} di kolom kode), bukan site atau desa: tidak diimpor (tidak perlu tindakan)</translation>
    </message>
    <message>
      <source>uptime {value} outside 0-100 %</source>
      <translation>uptime {value} di luar 0-100 %</translation>
    </message>
    <message>
      <source>uptime {raw} (read as {value}) outside 0-100 %: write a percentage from 0 to 100</source>
      <translation>uptime {raw} (dibaca {value}) di luar 0-100 %: tulis persentase dari 0 sampai 100</translation>
    </message>
    <message>
      <source>{column}: negative value {value}</source>
      <translation>{column}: nilai negatif {value}</translation>
    </message>
    <message>
      <source>outage has a start but no end</source>
      <translation>gangguan memiliki waktu mulai tetapi tidak ada waktu selesai</translation>
    </message>
    <message>
      <source>the outage starting {start} has no end (still going on when the report was made?): the row is not imported. Write its end time, or import the row again once the provider reports it</source>
      <translation>gangguan yang mulai {start} tidak punya waktu selesai (masih berlangsung saat laporan dibuat?): baris tidak diimpor. Tulis waktu selesainya, atau impor baris ini lagi setelah penyedia melaporkannya</translation>
    </message>
    <message>
      <source>outage has an end but no start</source>
      <translation>gangguan memiliki waktu selesai tetapi tidak ada waktu mulai</translation>
    </message>
    <message>
      <source>outage end {end} before start {start}</source>
      <translation>selesai gangguan {end} sebelum mulainya {start}</translation>
    </message>
    <message>
      <source>outage end {end} lies in the future</source>
      <translation>selesai gangguan {end} berada di masa depan</translation>
    </message>
    <message>
      <source>missing period (YYYY-MM or YYYY-MM-DD)</source>
      <translation>periode tidak ada (YYYY-MM atau YYYY-MM-DD)</translation>
    </message>
    <message>
      <source>{column} {period} lies in the future (today is {today}): a service report records what has happened. Correct the date in the file, or import this row after that day</source>
      <translation>{column} {period} berada di masa depan (hari ini {today}): laporan layanan mencatat apa yang sudah terjadi. Perbaiki tanggal di berkas, atau impor baris ini setelah hari itu</translation>
    </message>
    <message>
      <source>no data (no uptime, outage, users, speeds or latency)</source>
      <translation>tidak ada data (tanpa uptime, gangguan, pengguna, kecepatan atau latensi)</translation>
    </message>
    <message>
      <source>unknown site code {code}: it is not in the site layer given (SITES); correct the code, or choose the site layer that has it</source>
      <translation>kode site tidak dikenal {code}: kode itu tidak ada di layer site yang diberikan (SITES); perbaiki kodenya, atau pilih layer site yang memuatnya</translation>
    </message>
    <message>
      <source>unknown village code {code}: it is not in the village layer given (VILLAGES); correct the code (Kemendagri, e.g. 64.01.01.2001), or choose the village layer that has it</source>
      <translation>kode desa tidak dikenal {code}: kode itu tidak ada di layer desa yang diberikan (VILLAGES); perbaiki kodenya (Kemendagri, mis. 64.01.01.2001), atau pilih layer desa yang memuatnya</translation>
    </message>
    <message>
      <source>{column}: {value} is not plausible for a village's service (at most {high}): check the digits and the unit</source>
      <translation>{column}: {value} tidak masuk akal untuk layanan sebuah desa (paling banyak {high}): periksa digit dan satuannya</translation>
    </message>
    <message>
      <source>uptime {value}: every uptime of the file is 1 or less, so they look like fractions (here {pct} %); write them as percentages (99,5 for 99.5 %)</source>
      <translation>uptime {value}: semua uptime dalam berkas bernilai 1 atau kurang, jadi tampaknya berupa pecahan (di sini {pct} %); tulis sebagai persen (99,5 untuk 99,5 %)</translation>
    </message>
    <message>
      <source>row {row} ({code}): uptime {value} % is read as it is, while the file's other uptimes are percentages; if it is a fraction ({pct} %), correct the file and import it again as a correction</source>
      <translation>baris {row} ({code}): uptime {value} % dibaca apa adanya, sedangkan uptime lain di berkas berupa persen; bila itu pecahan ({pct} %), perbaiki berkas dan impor lagi sebagai koreksi</translation>
    </message>
    <message>
      <source>column {column} writes its dates month first (row {row}: {value}): they are read as month/day/year</source>
      <translation>kolom {column} menulis tanggalnya dengan bulan lebih dulu (baris {row}: {value}): tanggal dibaca sebagai bulan/hari/tahun</translation>
    </message>
    <message>
      <source>{n} rows (rows {first} to {last}) hold only their number ({column}): empty rows of the sheet, not imported</source>
      <translation>{n} baris (baris {first} sampai {last}) hanya berisi nomornya ({column}): baris kosong lembar kerja, tidak diimpor</translation>
    </message>
    <message>
      <source>{n} rows write a known code in other letters (first: row {row}, {written} for {code}); they are imported under the known code</source>
      <translation>{n} baris menulis kode yang dikenal dengan huruf berbeda (pertama: baris {row}, {written} untuk {code}); baris tersebut diimpor dengan kode yang dikenal</translation>
    </message>
    <message>
      <source>{n} rows write a village code with other dots or spaces than the village layer (first: row {row}, {written} for {code}); they are imported under the village layer's code</source>
      <translation>{n} baris menulis kode desa dengan titik atau spasi yang berbeda dari layer desa (pertama: baris {row}, {written} untuk {code}); baris itu diimpor dengan kode dari layer desa</translation>
    </message>
    <message>
      <source>columns not read: {columns} (names the import does not know). If one holds report data, rename it: kode_site/kode_desa, periode, uptime, mulai_gangguan, selesai_gangguan, penyebab, pengguna_aktif, unduh_mbps, unggah_mbps, latensi_ms</source>
      <translation>kolom tidak dibaca: {columns} (nama yang tidak dikenal oleh impor). Bila salah satunya berisi data laporan, ganti namanya: kode_site/kode_desa, periode, uptime, mulai_gangguan, selesai_gangguan, penyebab, pengguna_aktif, unduh_mbps, unggah_mbps, latensi_ms</translation>
    </message>
    <message>
      <source>no site or village code column found (looked for kode_site/site_id, kode_desa/kode)</source>
      <translation>kolom kode site atau desa tidak ditemukan (dicari: kode_site/site_id, kode_desa/kode)</translation>
    </message>
    <message>
      <source>no period column found (looked for periode/period/tanggal/date)</source>
      <translation>kolom periode tidak ditemukan (dicari: periode/period/tanggal/date)</translation>
    </message>
    <message>
      <source>report for {code} {period}</source>
      <translation>laporan {code} {period}</translation>
    </message>
    <message>
      <source>outage of {code} starting {start}</source>
      <translation>gangguan {code} mulai {start}</translation>
    </message>
    <message>
      <source>{what} differs from row {row} of this file ({change})</source>
      <translation>{what} berbeda dengan baris {row} dari berkas ini ({change})</translation>
    </message>
    <message>
      <source>{what} differs from the value imported on {when} from file {file} (row {row}: {change}); not overwritten</source>
      <translation>{what} berbeda dengan nilai yang diimpor pada {when} dari berkas {file} (baris {row}: {change}); tidak ditimpa</translation>
    </message>
    <message>
      <source>{what} replaces the value imported on {when} from file {file} (row {row}: {change})</source>
      <translation>{what} menggantikan nilai yang diimpor pada {when} dari berkas {file} (baris {row}: {change})</translation>
    </message>
    <message>
      <source>{field} {new}, was {old}</source>
      <translation>{field} {new}, sebelumnya {old}</translation>
    </message>
    <message>
      <source>{field} {new}, was {old}, and {n} other value(s)</source>
      <translation>{field} {new}, sebelumnya {old}, dan {n} nilai lain</translation>
    </message>
    <message>
      <source>values not stored by this version</source>
      <translation>nilai yang tidak disimpan oleh versi ini</translation>
    </message>
    <message>
      <source>Row {row}: the yearly cap is empty (0 is used).</source>
      <translation>Baris {row}: pagu tahunan kosong (dipakai 0).</translation>
    </message>
    <message>
      <source>Row {row}: '{value}' is not a number (column {column}).</source>
      <translation>Baris {row}: '{value}' bukan angka (kolom {column}).</translation>
    </message>
    <message>
      <source>Row {row}: unknown rule(s) {rules}; use 3t, plot, desa, per_kab, operator.</source>
      <translation>Baris {row}: aturan tidak dikenal {rules}; gunakan 3t, plot, desa, per_kab, operator.</translation>
    </message>
    <message>
      <source>Row {row}: order '{value}' is not a whole number.</source>
      <translation>Baris {row}: urutan '{value}' bukan bilangan bulat.</translation>
    </message>
    <message>
      <source>Hata/COST-231 is valid for 150-2000 MHz; {n} site(s) are outside (e.g. {f:g} MHz).</source>
      <translation>Hata/COST-231 berlaku untuk 150-2000 MHz; {n} site berada di luar rentang itu (misalnya {f:g} MHz).</translation>
    </message>
    <message>
      <source>Hata is valid for antenna heights of 30-200 m; {n} site(s) are outside (e.g. {h:g} m).</source>
      <translation>Hata berlaku untuk tinggi antena 30-200 m; {n} site berada di luar rentang itu (misalnya {h:g} m).</translation>
    </message>
    <message>
      <source>Hata is valid up to 20 km; the radius is {r:.0f} m, so the signal beyond 20 km is an extrapolation.</source>
      <translation>Hata berlaku hingga 20 km; radiusnya {r:.0f} m, sehingga sinyal di atas 20 km merupakan ekstrapolasi.</translation>
    </message>
    <message>
      <source>Hata is valid for receiver heights of 1-10 m; got {h:g} m.</source>
      <translation>Hata berlaku untuk tinggi penerima 1-10 m; nilai yang diberikan {h:g} m.</translation>
    </message>
    <message>
      <source>Longley-Rice ITM is valid for paths of 1 km or more: the cells within 1 km of a site are extrapolated (the probe says so at such a point).</source>
      <translation>Longley-Rice ITM berlaku untuk lintasan 1 km atau lebih: sel dalam jarak 1 km dari menara merupakan ekstrapolasi (probe menyebutkannya pada titik seperti itu).</translation>
    </message>
    <message>
      <source>Longley-Rice ITM is valid for 20 MHz-20 GHz; {n} site(s) are outside (e.g. {f:g} MHz).</source>
      <translation>Longley-Rice ITM berlaku untuk 20 MHz-20 GHz; {n} menara berada di luar rentang itu (misalnya {f:g} MHz).</translation>
    </message>
    <message>
      <source>P.526/Bullington on a DEM is meant for paths up to some tens of km; the radius is {r:.0f} m.</source>
      <translation>P.526/Bullington pada DEM ditujukan untuk lintasan hingga beberapa puluh km; radiusnya {r:.0f} m.</translation>
    </message>
    <message>
      <source>The point is outside the DEM: click inside the elevation model.</source>
      <translation>Titik berada di luar DEM: klik di dalam model ketinggian.</translation>
    </message>
    <message>
      <source>The DEM has no elevation at this point (nodata), so the signal cannot be computed here.</source>
      <translation>DEM tidak memiliki ketinggian di titik ini (nodata), sehingga sinyal tidak dapat dihitung di sini.</translation>
    </message>
    <message>
      <source>Cannot compute the signal here: {why}</source>
      <translation>Sinyal tidak dapat dihitung di sini: {why}</translation>
    </message>
    <message>
      <source>antenna height (m)</source>
      <translation>tinggi antena (m)</translation>
    </message>
    <message>
      <source>frequency (MHz)</source>
      <translation>frekuensi (MHz)</translation>
    </message>
    <message>
      <source>EIRP (dBm)</source>
      <translation>daya pancar EIRP (dBm)</translation>
    </message>
    <message>
      <source>Free space on that disk or choose another folder.</source>
      <translation>Kosongkan ruang pada disk itu atau pilih folder lain.</translation>
    </message>
    <message>
      <source>Choose a folder you may write to.</source>
      <translation>Pilih folder yang dapat Anda tulisi.</translation>
    </message>
    <message>
      <source>The layer has no features.</source>
      <translation>Layer ini tidak memiliki fitur.</translation>
    </message>
    <message>
      <source>Choose a layer that contains the villages, or remove its filter.</source>
      <translation>Pilih layer yang berisi desa, atau hapus filternya.</translation>
    </message>
    <message>
      <source>No village code field was found (looked for Kemendagri, BIG-RBI and BPS names).</source>
      <translation>Kolom kode desa tidak ditemukan (dicari dengan penamaan Kemendagri, BIG-RBI dan BPS).</translation>
    </message>
    <message>
      <source>Choose the code field by hand in the field mapping (CODE_FIELD).</source>
      <translation>Pilih kolom kode secara manual pada pemetaan kolom (CODE_FIELD).</translation>
    </message>
    <message>
      <source>No village name field was found.</source>
      <translation>Kolom nama desa tidak ditemukan.</translation>
    </message>
    <message>
      <source>Choose the name field by hand in the field mapping (NAME_FIELD).</source>
      <translation>Pilih kolom nama secara manual pada pemetaan kolom (NAME_FIELD).</translation>
    </message>
    <message>
      <source>No population field was found; population-based tools will need one.</source>
      <translation>Kolom jumlah penduduk tidak ditemukan; alat berbasis penduduk memerlukannya.</translation>
    </message>
    <message>
      <source>Choose the population field (POPULATION_FIELD) or join population data.</source>
      <translation>Pilih kolom penduduk (POPULATION_FIELD) atau gabungkan data penduduk.</translation>
    </message>
    <message>
      <source>Feature {fid} has no village code.</source>
      <translation>Fitur {fid} tidak memiliki kode desa.</translation>
    </message>
    <message>
      <source>Fill in the code from the Kemendagri list.</source>
      <translation>Isi kode sesuai daftar Kemendagri.</translation>
    </message>
    <message>
      <source>Feature {fid}: code '{code}' is malformed.</source>
      <translation>Fitur {fid}: kode '{code}' formatnya salah.</translation>
    </message>
    <message>
      <source>Use the form 64.xx.xx.xxxx (Kemendagri) or a 10-digit BPS code.</source>
      <translation>Gunakan format 64.xx.xx.xxxx (Kemendagri) atau kode BPS 10 digit.</translation>
    </message>
    <message>
      <source>Feature {fid}: code '{code}' has no dots; read as {norm}.</source>
      <translation>Fitur {fid}: kode '{code}' tanpa titik; dibaca sebagai {norm}.</translation>
    </message>
    <message>
      <source>Feature {fid}: code '{code}' is outside province {prov}.</source>
      <translation>Fitur {fid}: kode '{code}' berada di luar provinsi {prov}.</translation>
    </message>
    <message>
      <source>Remove villages of other provinces, or correct the code.</source>
      <translation>Hapus desa dari provinsi lain, atau perbaiki kodenya.</translation>
    </message>
    <message>
      <source>Feature {fid}: code '{code}' is also used by feature {other}.</source>
      <translation>Fitur {fid}: kode '{code}' juga dipakai oleh fitur {other}.</translation>
    </message>
    <message>
      <source>Each village needs its own code: correct one of them or merge the two features.</source>
      <translation>Setiap desa harus memiliki kode sendiri: perbaiki salah satunya atau gabungkan kedua fitur.</translation>
    </message>
    <message>
      <source>Feature {fid} ({code}) has no name.</source>
      <translation>Fitur {fid} ({code}) tidak memiliki nama.</translation>
    </message>
    <message>
      <source>Fill in the village name.</source>
      <translation>Isi nama desa.</translation>
    </message>
    <message>
      <source>Feature {fid} ({code}) has no population value.</source>
      <translation>Fitur {fid} ({code}) tidak memiliki nilai jumlah penduduk.</translation>
    </message>
    <message>
      <source>Fill in the population, or an estimate flagged as such.</source>
      <translation>Isi jumlah penduduk, atau perkiraan yang ditandai sebagai perkiraan.</translation>
    </message>
    <message>
      <source>Feature {fid} ({code}) has a negative population ({pop}).</source>
      <translation>Fitur {fid} ({code}) memiliki jumlah penduduk negatif ({pop}).</translation>
    </message>
    <message>
      <source>Correct the population value.</source>
      <translation>Perbaiki nilai jumlah penduduk.</translation>
    </message>
    <message>
      <source>Feature {fid} ({code}) has an empty or missing geometry.</source>
      <translation>Fitur {fid} ({code}) memiliki geometri kosong atau tidak ada.</translation>
    </message>
    <message>
      <source>Digitise the village, or delete the feature if it is a stray row.</source>
      <translation>Digitasi batas desa, atau hapus fitur jika itu baris yang tersesat.</translation>
    </message>
    <message>
      <source>Feature {fid} ({code}) has an invalid geometry: {why}.</source>
      <translation>Fitur {fid} ({code}) memiliki geometri tidak valid: {why}.</translation>
    </message>
    <message>
      <source>Run 'Repair village geometries' (the Data page's 'Repair geometries'): it writes a NEW repaired layer and keeps yours.</source>
      <translation>Jalankan 'Repair village geometries' ('Perbaiki geometri' di halaman Data): alat itu menulis layer BARU yang sudah diperbaiki dan menyimpan layer Anda.</translation>
    </message>
    <message>
      <source>The layer has no coordinate reference system.</source>
      <translation>Layer ini tidak memiliki sistem referensi koordinat.</translation>
    </message>
    <message>
      <source>Set the layer's CRS (Layer Properties &gt; Source), e.g. EPSG:4326 for lon/lat.</source>
      <translation>Tetapkan CRS layer (Properti Layer &gt; Sumber), misalnya EPSG:4326 untuk bujur/lintang.</translation>
    </message>
    <message>
      <source>The layer lies outside Kalimantan Timur: its centre ({x}, {y} in {crs}) is at longitude {lon}, latitude {lat}. Its CRS is probably wrong (longitude/latitude in degrees declared as metres, or the reverse).</source>
      <translation>Layer berada di luar Kalimantan Timur: titik tengahnya ({x}, {y} dalam {crs}) ada di bujur {lon}, lintang {lat}. CRS-nya kemungkinan salah (bujur/lintang dalam derajat dinyatakan sebagai meter, atau sebaliknya).</translation>
    </message>
    <message>
      <source>Set the layer's real CRS (Layer Properties &gt; Source): EPSG:4326 for longitude/latitude in degrees, EPSG:32750 for UTM 50S in metres.</source>
      <translation>Tetapkan CRS layer yang sebenarnya (Layer Properties &gt; Source): EPSG:4326 untuk bujur/lintang dalam derajat, EPSG:32750 untuk UTM 50S dalam meter.</translation>
    </message>
    <message>
      <source>The layer holds neither points nor polygons.</source>
      <translation>Layer ini tidak berisi titik maupun poligon.</translation>
    </message>
    <message>
      <source>Use village polygons or village office points.</source>
      <translation>Gunakan poligon desa atau titik kantor desa.</translation>
    </message>
    <message>
      <source>The DEM has no coordinate reference system.</source>
      <translation>DEM tidak memiliki sistem referensi koordinat.</translation>
    </message>
    <message>
      <source>Assign the DEM's CRS in its layer properties (Source tab).</source>
      <translation>Tetapkan CRS DEM pada properti layer (tab Sumber).</translation>
    </message>
    <message>
      <source>The DEM is in degrees ({crs}); coverage tools reproject it to a metric CRS first.</source>
      <translation>DEM dalam satuan derajat ({crs}); alat cakupan akan memproyeksikannya ke CRS metrik terlebih dahulu.</translation>
    </message>
    <message>
      <source>For exact distances, warp the DEM to UTM 50S (EPSG:32750) beforehand.</source>
      <translation>Agar jarak tepat, proyeksikan ulang DEM ke UTM 50S (EPSG:32750) terlebih dahulu.</translation>
    </message>
    <message>
      <source>The villages do not overlap the DEM ({dem}).</source>
      <translation>Desa-desa tidak bertampalan dengan DEM ({dem}).</translation>
    </message>
    <message>
      <source>Check both layers' CRS, or choose the DEM that covers these villages.</source>
      <translation>Periksa CRS kedua layer, atau pilih DEM yang mencakup desa-desa ini.</translation>
    </message>
    <message>
      <source>The DEM covers only {pct:.0f}% of the villages' extent.</source>
      <translation>DEM hanya mencakup {pct:.0f}% dari luasan desa-desa.</translation>
    </message>
    <message>
      <source>Use a DEM that covers the whole area, or expect nodata outside it.</source>
      <translation>Gunakan DEM yang mencakup seluruh wilayah, atau akan ada nodata di luarnya.</translation>
    </message>
    <message>
      <source>{pct:.1f}% of the DEM cells are nodata.</source>
      <translation>{pct:.1f}% sel DEM bernilai nodata.</translation>
    </message>
    <message>
      <source>Fill the holes (Raster &gt; Analysis &gt; Fill nodata) if they fall on villages.</source>
      <translation>Isi lubang (Raster &gt; Analisis &gt; Isi nodata) jika berada di wilayah desa.</translation>
    </message>
    <message>
      <source>feature</source>
      <translation>fitur</translation>
    </message>
    <message>
      <source>{param} = {path} cannot be written: {reason}. {fix}</source>
      <translation>{param} = {path} tidak dapat ditulis: {reason}. {fix}</translation>
    </message>
    <message>
      <source> (lon and lat look swapped)</source>
      <translation> (lon dan lat tampaknya tertukar)</translation>
    </message>
    <message>
      <source>all</source>
      <translation>semua</translation>
    </message>
    <message>
      <source>Year</source>
      <translation>Tahun</translation>
    </message>
    <message>
      <source>Technology</source>
      <translation>Teknologi</translation>
    </message>
    <message>
      <source>Kab/kota</source>
      <translation>Kab/kota</translation>
    </message>
    <message>
      <source>Provider</source>
      <translation>Penyedia</translation>
    </message>
    <message>
      <source>Per year</source>
      <translation>Per tahun</translation>
    </message>
    <message>
      <source>Source</source>
      <translation>Sumber</translation>
    </message>
    <message>
      <source>Year (or all)</source>
      <translation>Tahun (atau semua)</translation>
    </message>
    <message>
      <source>Kab/kota code (empty = all)</source>
      <translation>Kode kab/kota (kosong = semua)</translation>
    </message>
    <message>
      <source>Provider (empty = all)</source>
      <translation>Penyedia (kosong = semua)</translation>
    </message>
    <message>
      <source>Installations per year</source>
      <translation>Pemasangan per tahun</translation>
    </message>
    <message>
      <source>Capacity and lead time</source>
      <translation>Kapasitas dan waktu tunggu</translation>
    </message>
    <message>
      <source>Installation capacity and BTS lead time</source>
      <translation>Kapasitas pemasangan dan waktu tunggu BTS</translation>
    </message>
    <message>
      <source>How many installations crews can finish per year: one per village for fibre, FWA, radio, satellite and co-location, one per tower for a new BTS. Villages that do not fit move to the next year, with the reason.</source>
      <translation>Berapa pemasangan yang dapat diselesaikan tim per tahun: satu per desa untuk fiber, FWA, radio, satelit dan kolokasi, satu per menara untuk BTS baru. Desa yang tidak tertampung pindah ke tahun berikutnya, dengan alasannya.</translation>
    </message>
    <message>
      <source>Add</source>
      <translation>Tambah</translation>
    </message>
    <message>
      <source>Remove</source>
      <translation>Hapus</translation>
    </message>
    <message>
      <source>Reset to defaults</source>
      <translation>Kembalikan ke bawaan</translation>
    </message>
    <message>
      <source> months</source>
      <translation> bulan</translation>
    </message>
    <message>
      <source>Technology: choose it from the drop-down (double-click the cell). A pasted name or key is read too ({keys}).</source>
      <translation>Teknologi: pilih dari daftar pilihan (klik ganda sel). Nama atau kunci yang ditempel juga terbaca ({keys}).</translation>
    </message>
    <message>
      <source>BTS lead time</source>
      <translation>Waktu tunggu BTS</translation>
    </message>
    <message>
      <source>Months from a new BTS's build year until it serves its villages (LEAD_TIME_MONTHS). Default: {source}</source>
      <translation>Bulan sejak tahun pembangunan BTS baru hingga melayani desanya (LEAD_TIME_MONTHS). Bawaan: {source}</translation>
    </message>
    <message>
      <source>Key</source>
      <translation>Kunci</translation>
    </message>
    <message>
      <source>Item</source>
      <translation>Butir</translation>
    </message>
    <message>
      <source>CAPEX (Rp)</source>
      <translation>CAPEX (Rp)</translation>
    </message>
    <message>
      <source>OPEX per year (Rp)</source>
      <translation>OPEX per tahun (Rp)</translation>
    </message>
    <message>
      <source>Unit</source>
      <translation>Satuan</translation>
    </message>
    <message>
      <source>Source / note</source>
      <translation>Sumber / catatan</translation>
    </message>
    <message>
      <source>Cost table (Internet Desa Kaltim)</source>
      <translation>Tabel biaya (Internet Desa Kaltim)</translation>
    </message>
    <message>
      <source>Amounts in rupiah. The defaults are published figures or stated assumptions (see the source of each row). The table is saved in the QGIS project and used by 'Choose technology' and 'Candidate sites'.</source>
      <translation>Nilai dalam rupiah. Nilai bawaan adalah angka yang dipublikasikan atau asumsi yang dinyatakan (lihat sumber setiap baris). Tabel disimpan dalam proyek QGIS dan dipakai oleh 'Pilih teknologi' dan 'Kandidat lokasi'.</translation>
    </message>
    <message>
      <source>Import CSV…</source>
      <translation>Impor CSV…</translation>
    </message>
    <message>
      <source>Export CSV…</source>
      <translation>Ekspor CSV…</translation>
    </message>
    <message>
      <source>Import cost table</source>
      <translation>Impor tabel biaya</translation>
    </message>
    <message>
      <source>CSV files (*.csv)</source>
      <translation>File CSV (*.csv)</translation>
    </message>
    <message>
      <source>Export cost table</source>
      <translation>Ekspor tabel biaya</translation>
    </message>
    <message>
      <source>Row {row}: {error}</source>
      <translation>Baris {row}: {error}</translation>
    </message>
    <message>
      <source>Internet Desa Kaltim</source>
      <translation>Internet Desa Kaltim</translation>
    </message>
    <message>
      <source>Data</source>
      <translation>Data</translation>
    </message>
    <message>
      <source>Villages, sites and terrain: load, map the fields, validate.</source>
      <translation>Desa, menara dan medan: muat, petakan kolom, validasi.</translation>
    </message>
    <message>
      <source>&lt;b&gt;{title}&lt;/b&gt;&lt;br&gt;&lt;br&gt;Not built yet. Coming in a later version: {what}</source>
      <translation>&lt;b&gt;{title}&lt;/b&gt;&lt;br&gt;&lt;br&gt;Belum tersedia. Akan hadir pada versi berikutnya: {what}</translation>
    </message>
    <message>
      <source>Coverage</source>
      <translation>Cakupan</translation>
    </message>
    <message>
      <source>signal coverage of every site over the terrain and each village's blank-spot status.</source>
      <translation>cakupan sinyal setiap menara di atas medan dan status blank spot setiap desa.</translation>
    </message>
    <message>
      <source>Priority</source>
      <translation>Prioritas</translation>
    </message>
    <message>
      <source>village ranking, technology choice and site selection under a budget.</source>
      <translation>peringkat desa, pilihan teknologi dan pemilihan lokasi menara dalam batas anggaran.</translation>
    </message>
    <message>
      <source>What-if</source>
      <translation>Skenario</translation>
    </message>
    <message>
      <source>what a planned site would change: place it on the map, see the villages it would cover.</source>
      <translation>apa yang diubah oleh menara rencana: tempatkan di peta, lihat desa yang akan tercakup.</translation>
    </message>
    <message>
      <source>Plan</source>
      <translation>Rencana</translation>
    </message>
    <message>
      <source>funding sources, the multi-year roadmap, operator packages, training and plan export.</source>
      <translation>sumber dana, peta jalan multi-tahun, paket operator, pelatihan dan ekspor rencana.</translation>
    </message>
    <message>
      <source>Monitoring</source>
      <translation>Monev</translation>
    </message>
    <message>
      <source>deployment status, operators' service reports, SLA and progress indicators.</source>
      <translation>status pembangunan, laporan layanan operator, SLA dan indikator kemajuan.</translation>
    </message>
    <message>
      <source>Exporting the deployment plan</source>
      <translation>Mengekspor rencana pembangunan</translation>
    </message>
    <message>
      <source>Deployment plan exported</source>
      <translation>Rencana pembangunan telah diekspor</translation>
    </message>
    <message>
      <source>Open the PDF or the folder now?</source>
      <translation>Buka PDF atau foldernya sekarang?</translation>
    </message>
    <message>
      <source>Open PDF</source>
      <translation>Buka PDF</translation>
    </message>
    <message>
      <source>Open folder</source>
      <translation>Buka folder</translation>
    </message>
    <message>
      <source>Export deployment plan</source>
      <translation>Ekspor rencana pembangunan</translation>
    </message>
    <message>
      <source>Folder for plan.gpkg, plan.qgz, roadmap.xlsx, the CSV tables and the PDF atlas and reports. Existing files of the same name are replaced.</source>
      <translation>Folder untuk plan.gpkg, plan.qgz, roadmap.xlsx, tabel CSV serta atlas dan laporan PDF. Berkas lama dengan nama yang sama akan diganti.</translation>
    </message>
    <message>
      <source>New BTS sites</source>
      <translation>Lokasi BTS baru</translation>
    </message>
    <message>
      <source>The new BTS sites of the plan, drawn on the maps and listed in the report: the sites 'Choose technology' planned (the Priority page's New BTS sites). Empty: no new sites.</source>
      <translation>Lokasi BTS baru dalam rencana, digambar di peta dan dicantumkan di laporan: lokasi yang direncanakan 'Pilih teknologi' (Lokasi BTS baru di halaman Prioritas). Kosong: tidak ada lokasi baru.</translation>
    </message>
    <message>
      <source>Writes the whole plan (not only the years shown on the map) with the atlas per kab/kota, the A3 overview and the roadmap report.</source>
      <translation>Menulis seluruh rencana (bukan hanya tahun yang tampil di peta) beserta atlas per kab/kota, ikhtisar A3 dan laporan peta jalan.</translation>
    </message>
    <message>
      <source>Run the roadmap first: the export needs the roadmap villages layer.</source>
      <translation>Jalankan peta jalan terlebih dahulu: ekspor memerlukan layer desa peta jalan.</translation>
    </message>
    <message>
      <source>Choose a folder for the deployment plan.</source>
      <translation>Pilih folder untuk rencana pembangunan.</translation>
    </message>
    <message>
      <source>The deployment plan was written to {folder}.</source>
      <translation>Rencana pembangunan telah ditulis ke {folder}.</translation>
    </message>
    <message>
      <source>The export was cancelled.</source>
      <translation>Ekspor dibatalkan.</translation>
    </message>
    <message>
      <source>Deployment plan exported to {folder}.</source>
      <translation>Rencana pembangunan diekspor ke {folder}.</translation>
    </message>
    <message>
      <source>{what} failed: {error}</source>
      <translation>{what} gagal: {error}</translation>
    </message>
    <message>
      <source>No data yet</source>
      <translation>Belum ada data</translation>
    </message>
    <message>
      <source>Operator packages</source>
      <translation>Paket operator</translation>
    </message>
    <message>
      <source>Show on the map only the villages in one operator's package (together with the year filter).</source>
      <translation>Tampilkan di peta hanya desa dalam paket satu operator (bersama filter tahun).</translation>
    </message>
    <message>
      <source>Operator</source>
      <translation>Operator</translation>
    </message>
    <message>
      <source>Export a CSV per operator…</source>
      <translation>Ekspor CSV per operator…</translation>
    </message>
    <message>
      <source>One CSV file per operator with its villages, technology, year and costs, to send to the operators.</source>
      <translation>Satu berkas CSV per operator berisi desa, teknologi, tahun dan biayanya, untuk dikirim ke operator.</translation>
    </message>
    <message>
      <source>All operators</source>
      <translation>Semua operator</translation>
    </message>
    <message>
      <source>Folder for the operator CSV files</source>
      <translation>Folder untuk berkas CSV operator</translation>
    </message>
    <message>
      <source>Run the roadmap first.</source>
      <translation>Jalankan peta jalan terlebih dahulu.</translation>
    </message>
    <message>
      <source>(no operator yet)</source>
      <translation>(belum ada operator)</translation>
    </message>
    <message>
      <source>{n} operator CSV files written to {folder}.</source>
      <translation>{n} berkas CSV operator ditulis ke {folder}.</translation>
    </message>
    <message>
      <source>Line of sight (viewshed)</source>
      <translation>Garis pandang (viewshed)</translation>
    </message>
    <message>
      <source>ITU-R P.526 complete method (terrain diffraction)</source>
      <translation>ITU-R P.526 metode lengkap (difraksi medan)</translation>
    </message>
    <message>
      <source>Okumura-Hata / COST-231 (no terrain)</source>
      <translation>Okumura-Hata / COST-231 (tanpa medan)</translation>
    </message>
    <message>
      <source>Longley-Rice ITM (second opinion, slow)</source>
      <translation>Longley-Rice ITM (pendapat kedua, lambat)</translation>
    </message>
    <message>
      <source>Computing coverage: preparing the compiled kernels (first run of the session, up to about 20 s)…</source>
      <translation>Menghitung cakupan: menyiapkan kernel terkompilasi (proses pertama dalam sesi ini, hingga sekitar 20 detik)…</translation>
    </message>
    <message>
      <source>Sites and terrain</source>
      <translation>Site dan medan</translation>
    </message>
    <message>
      <source>Parameters</source>
      <translation>Parameter</translation>
    </message>
    <message>
      <source>How the signal is estimated. Line of sight: only whether a tower can be 'seen' (counts the towers). P.526: signal strength in dBm, hills bend and weaken the signal (recommended). Hata: a quick estimate from distance only, ignoring hills (valid 1-20 km). Longley-Rice ITM: a second terrain model (as in SPLAT!) to see where the models disagree; tens of times slower than P.526 with numba (about 2 s a 30 km site on a 90 m DEM), a thousand times without it (about 40 s a site), so try it on a few sites first. The signal probe always shows both P.526 and ITM.</source>
      <translation>Cara sinyal diperkirakan. Garis pandang: hanya apakah menara 'terlihat' (menghitung jumlah menara). P.526: kuat sinyal dalam dBm, bukit membelokkan dan melemahkan sinyal (disarankan). Hata: perkiraan cepat hanya dari jarak, bukit diabaikan (berlaku 1-20 km). Longley-Rice ITM: model medan kedua (seperti pada SPLAT!) untuk melihat di mana model-model berbeda; puluhan kali lebih lambat dari P.526 dengan numba (sekitar 2 detik per menara dengan radius 30 km pada DEM 90 m), seribu kali tanpa numba (sekitar 40 detik per menara), jadi coba dulu pada beberapa menara. Probe sinyal selalu menampilkan P.526 dan ITM.</translation>
    </message>
    <message>
      <source>Height of the phone or router above the ground: 1.5 m for a phone in the hand, 5-10 m for a router antenna on a pole.</source>
      <translation>Tinggi ponsel atau router di atas tanah: 1,5 m untuk ponsel di tangan, 5-10 m untuk antena router di tiang.</translation>
    </message>
    <message>
      <source>Weakest signal that still counts as coverage. About -100 dBm is good, -110 dBm is the edge of coverage, -120 dBm is practically no signal.</source>
      <translation>Sinyal terlemah yang masih dihitung sebagai tercakup. Sekitar -100 dBm baik, -110 dBm adalah tepi cakupan, -120 dBm praktis tidak ada sinyal.</translation>
    </message>
    <message>
      <source>How far from each tower to compute. Farther places get no value (nodata). 30 km suits rural 4G on 900 MHz; a smaller radius is faster.</source>
      <translation>Seberapa jauh dari setiap menara yang dihitung. Tempat yang lebih jauh tidak mendapat nilai (nodata). 30 km cocok untuk 4G pedesaan di 900 MHz; radius yang lebih kecil lebih cepat.</translation>
    </message>
    <message>
      <source>Fast</source>
      <translation>Cepat</translation>
    </message>
    <message>
      <source>Fine</source>
      <translation>Halus</translation>
    </message>
    <message>
      <source>Exact</source>
      <translation>Tepat</translation>
    </message>
    <message>
      <source>For the terrain models (P.526, ITM). Fast: rays 180 m apart, terrain samples every 360 m keeping the ridge crests, the loss refined every 90 m: about 0.3 dB from Exact on average, 2.9 dB or less on 99 % of the cells behind sharp ridges (latest make bench). Fine: rays and samples 180 m apart, about 0.2 dB. Exact follows every DEM cell: the reference, the slowest.</source>
      <translation>Untuk model medan (P.526, ITM). Cepat: sinar berjarak 180 m, sampel medan tiap 360 m dengan puncak punggung bukit dipertahankan, redaman dihaluskan tiap 90 m: rata-rata sekitar 0,3 dB dari Tepat, 2,9 dB atau kurang pada 99 % sel di balik punggung bukit tajam (make bench terakhir). Halus: sinar dan sampel berjarak 180 m, sekitar 0,2 dB. Tepat mengikuti setiap sel DEM: acuan, paling lambat.</translation>
    </message>
    <message>
      <source>Extra loss for what the terrain model does not see: forest canopy (10-20 dB in Kalimantan's forest), buildings, the user's body. 0 = terrain only.</source>
      <translation>Redaman tambahan untuk hal yang tidak terlihat oleh model medan: kanopi hutan (10-20 dB di hutan Kalimantan), bangunan, tubuh pengguna. 0 = medan saja.</translation>
    </message>
    <message>
      <source>4G thresholds (-100 good, -110 edge, -120 none) are RSRP values: the power of one LTE resource element, about 28-31 dB below the total power.</source>
      <translation>Ambang 4G (-100 baik, -110 tepi, -120 tidak ada) adalah nilai RSRP: daya satu resource element LTE, sekitar 28-31 dB di bawah total daya.</translation>
    </message>
    <message>
      <source>Also map the serving site</source>
      <translation>Petakan juga site yang melayani</translation>
    </message>
    <message>
      <source>Adds a second raster telling which tower gives the strongest signal at each place.</source>
      <translation>Menambahkan raster kedua yang menunjukkan menara mana yang memberi sinyal terkuat di setiap tempat.</translation>
    </message>
    <message>
      <source>Compute coverage</source>
      <translation>Hitung cakupan</translation>
    </message>
    <message>
      <source>Computes the coverage in the background; you can keep using the map.</source>
      <translation>Menghitung cakupan di latar belakang; Anda tetap dapat memakai peta.</translation>
    </message>
    <message>
      <source>Cancel</source>
      <translation>Batal</translation>
    </message>
    <message>
      <source>Stops the running computation; nothing is added.</source>
      <translation>Menghentikan perhitungan yang sedang berjalan; tidak ada yang ditambahkan.</translation>
    </message>
    <message>
      <source>Blank-spot villages</source>
      <translation>Desa blank spot</translation>
    </message>
    <message>
      <source>Coverage raster</source>
      <translation>Raster cakupan</translation>
    </message>
    <message>
      <source>Classify villages</source>
      <translation>Klasifikasi desa</translation>
    </message>
    <message>
      <source>Signal at a point</source>
      <translation>Sinyal di suatu titik</translation>
    </message>
    <message>
      <source>Signal at point</source>
      <translation>Sinyal di titik</translation>
    </message>
    <message>
      <source>Click the map to see the signal of the nearest towers at that place and the terrain between the best tower and the place.</source>
      <translation>Klik peta untuk melihat sinyal menara terdekat di tempat itu dan medan antara menara terbaik dan tempat tersebut.</translation>
    </message>
    <message>
      <source>Uses the chosen coverage raster's settings (else the parameters above), the sites and the DEM (model P.526).</source>
      <translation>Memakai pengaturan raster cakupan yang dipilih (jika tidak ada, parameter di atas), menara dan DEM (model P.526).</translation>
    </message>
    <message>
      <source>Computing coverage</source>
      <translation>Menghitung cakupan</translation>
    </message>
    <message>
      <source>Run Longley-Rice ITM?</source>
      <translation>Jalankan Longley-Rice ITM?</translation>
    </message>
    <message>
      <source>Classifying villages</source>
      <translation>Mengklasifikasi desa</translation>
    </message>
    <message>
      <source>Computing the signal at this point…</source>
      <translation>Menghitung sinyal di titik ini…</translation>
    </message>
    <message>
      <source>The towers (points, any CRS). Antenna height, frequency and power are read from height_m, freq_mhz and eirp_dbm; missing values use the usual values of the site's technology.</source>
      <translation>Menara (titik, CRS apa pun). Tinggi antena, frekuensi dan daya dibaca dari height_m, freq_mhz dan eirp_dbm; nilai yang kosong memakai nilai umum teknologi site tersebut.</translation>
    </message>
    <message>
      <source>The elevation model (heights in metres). Hills block the signal. The result is a raster on the same grid.</source>
      <translation>Model ketinggian (tinggi dalam meter). Bukit menghalangi sinyal. Hasilnya berupa raster pada grid yang sama.</translation>
    </message>
    <message>
      <source>Optional: a land-cover raster in ESA WorldCover classes. Each cell's class gives the clutter loss at the receiver height (ITU-R P.452 §4.5: tree cover about 19.5 dB at 1.5 m, 3.3 dB at 15 m) instead of the flat foliage margin, which stays where the land cover has no class. Empty: the flat margin everywhere.</source>
      <translation>Opsional: raster tutupan lahan dengan kelas ESA WorldCover. Kelas tiap sel menentukan redaman clutter pada tinggi penerima (ITU-R P.452 §4.5: tutupan pohon sekitar 19,5 dB pada 1,5 m, 3,3 dB pada 15 m) sebagai pengganti margin vegetasi datar, yang tetap dipakai di sel tanpa kelas. Kosong: margin datar di mana-mana.</translation>
    </message>
    <message>
      <source>Sites</source>
      <translation>Menara</translation>
    </message>
    <message>
      <source>DEM</source>
      <translation>DEM</translation>
    </message>
    <message>
      <source>Land cover</source>
      <translation>Tutupan lahan</translation>
    </message>
    <message>
      <source>How much the air bends radio waves over the curved earth. 1.3333 (4/3) is the normal atmosphere; a smaller value makes the earth 'bulge' more.</source>
      <translation>Seberapa besar udara membelokkan gelombang radio di atas bumi yang melengkung. 1,3333 (4/3) adalah atmosfer normal; nilai yang lebih kecil membuat bumi lebih 'menggembung'.</translation>
    </message>
    <message>
      <source>Model</source>
      <translation>Model</translation>
    </message>
    <message>
      <source>Receiver height</source>
      <translation>Tinggi penerima</translation>
    </message>
    <message>
      <source>Threshold</source>
      <translation>Ambang</translation>
    </message>
    <message>
      <source>Maximum radius</source>
      <translation>Radius maksimum</translation>
    </message>
    <message>
      <source>k-factor</source>
      <translation>Faktor k</translation>
    </message>
    <message>
      <source>Resolution</source>
      <translation>Resolusi</translation>
    </message>
    <message>
      <source>Clutter / foliage margin</source>
      <translation>Margin clutter / vegetasi</translation>
    </message>
    <message>
      <source>Signal quantity</source>
      <translation>Besaran sinyal</translation>
    </message>
    <message>
      <source>The coverage raster to classify the villages with (set automatically after 'Compute coverage').</source>
      <translation>Raster cakupan untuk mengklasifikasi desa (terisi otomatis setelah 'Hitung cakupan').</translation>
    </message>
    <message>
      <source>Site</source>
      <translation>Site</translation>
    </message>
    <message>
      <source>Distance (km)</source>
      <translation>Jarak (km)</translation>
    </message>
    <message>
      <source>Signal (dBm)</source>
      <translation>Sinyal (dBm)</translation>
    </message>
    <message>
      <source>Second opinion: the Longley-Rice ITM signal (dBm) over the same profile</source>
      <translation>Pendapat kedua: sinyal Longley-Rice ITM (dBm) pada profil yang sama</translation>
    </message>
    <message>
      <source>Marks each village of the Data page as covered, partial or blank spot from the coverage raster and adds the result as a new layer.</source>
      <translation>Menandai setiap desa dari halaman Data sebagai tercakup, sebagian atau blank spot berdasarkan raster cakupan dan menambahkan hasilnya sebagai layer baru.</translation>
    </message>
    <message>
      <source>Not available: the 'Classify villages' tool is not installed in this version of the plugin.</source>
      <translation>Tidak tersedia: alat 'Klasifikasi desa' tidak terpasang pada versi plugin ini.</translation>
    </message>
    <message>
      <source>Choose a site layer and a DEM first (or load the Kaltim sample on the Data page).</source>
      <translation>Pilih dulu layer site dan DEM (atau muat sampel Kaltim di halaman Data).</translation>
    </message>
    <message>
      <source>Sea</source>
      <translation>Laut</translation>
    </message>
    <message>
      <source>Outside the villages</source>
      <translation>Di luar wilayah desa</translation>
    </message>
    <message>
      <source>The 'Classify villages' tool is not available in this version.</source>
      <translation>Alat 'Klasifikasi desa' tidak tersedia pada versi ini.</translation>
    </message>
    <message>
      <source>Choose the village layer on the Data page first.</source>
      <translation>Pilih dulu layer desa di halaman Data.</translation>
    </message>
    <message>
      <source>Compute the coverage first (or choose a coverage raster).</source>
      <translation>Hitung cakupan terlebih dahulu (atau pilih raster cakupan).</translation>
    </message>
    <message>
      <source>Villages – coverage status</source>
      <translation>Desa – status cakupan</translation>
    </message>
    <message>
      <source>Choose a site layer and a DEM first.</source>
      <translation>Pilih dulu layer site dan DEM.</translation>
    </message>
    <message>
      <source>Coverage canceled; nothing was added.</source>
      <translation>Perhitungan cakupan dibatalkan; tidak ada yang ditambahkan.</translation>
    </message>
    <message>
      <source>Coverage – {model}</source>
      <translation>Cakupan – {model}</translation>
    </message>
    <message>
      <source>Serving site</source>
      <translation>Site yang melayani</translation>
    </message>
    <message>
      <source>Coverage done: {n} site(s) computed, {s} skipped (outside the DEM).</source>
      <translation>Cakupan selesai: {n} site dihitung, {s} dilewati (di luar DEM).</translation>
    </message>
    <message>
      <source>Longley-Rice ITM on the {n} sites of '{layer}' would take about {m} minutes (about {s} s a site; P.526 takes seconds for all of them). Run it anyway? To compare the models on a few sites, use a layer of those sites or the signal probe.</source>
      <translation>Longley-Rice ITM untuk {n} menara pada '{layer}' akan memakan waktu sekitar {m} menit (sekitar {s} detik per menara; P.526 hanya perlu beberapa detik untuk semuanya). Tetap jalankan? Untuk membandingkan model pada beberapa menara, gunakan lapisan berisi menara-menara itu saja atau probe sinyal.</translation>
    </message>
    <message>
      <source>Villages: {c} covered, {p} partial, {b} blank spot.</source>
      <translation>Desa: {c} tercakup, {p} sebagian, {b} blank spot.</translation>
    </message>
    <message>
      <source>The point cannot be transformed to the DEM's CRS.</source>
      <translation>Titik tidak dapat ditransformasikan ke CRS DEM.</translation>
    </message>
    <message>
      <source>Canceled.</source>
      <translation>Dibatalkan.</translation>
    </message>
    <message>
      <source>Classification canceled.</source>
      <translation>Klasifikasi dibatalkan.</translation>
    </message>
    <message>
      <source>No site within {r:.0f} km of this point: a blank spot (no signal).</source>
      <translation>Tidak ada site dalam radius {r:.0f} km dari titik ini: blank spot (tidak ada sinyal).</translation>
    </message>
    <message>
      <source>Coverage failed: {log}</source>
      <translation>Perhitungan cakupan gagal: {log}</translation>
    </message>
    <message>
      <source>The coverage raster could not be opened: {path}</source>
      <translation>Raster cakupan tidak dapat dibuka: {path}</translation>
    </message>
    <message>
      <source>{n} site(s) used default height/frequency/power.</source>
      <translation>{n} site memakai tinggi/frekuensi/daya bawaan.</translation>
    </message>
    <message>
      <source>Classification failed: {log}</source>
      <translation>Klasifikasi gagal: {log}</translation>
    </message>
    <message>
      <source>Code</source>
      <translation>Kode</translation>
    </message>
    <message>
      <source>Name</source>
      <translation>Nama</translation>
    </message>
    <message>
      <source>Kecamatan</source>
      <translation>Kecamatan</translation>
    </message>
    <message>
      <source>Kab/Kota</source>
      <translation>Kab/Kota</translation>
    </message>
    <message>
      <source>Population</source>
      <translation>Penduduk</translation>
    </message>
    <message>
      <source>'Repair geometries' on the Data page writes a repaired copy and makes it the Villages layer.</source>
      <translation>'Perbaiki geometri' di halaman Data menulis salinan yang diperbaiki dan menjadikannya layer Desa.</translation>
    </message>
    <message>
      <source>Load Kaltim sample</source>
      <translation>Muat sampel Kaltim</translation>
    </message>
    <message>
      <source>Layers</source>
      <translation>Layer</translation>
    </message>
    <message>
      <source>Village fields</source>
      <translation>Kolom desa</translation>
    </message>
    <message>
      <source>Detect fields</source>
      <translation>Deteksi kolom</translation>
    </message>
    <message>
      <source>Validate</source>
      <translation>Validasi</translation>
    </message>
    <message>
      <source>Repair geometries (new layer)</source>
      <translation>Perbaiki geometri (layer baru)</translation>
    </message>
    <message>
      <source>Open HTML report</source>
      <translation>Buka laporan HTML</translation>
    </message>
    <message>
      <source>The validation report appears here.</source>
      <translation>Laporan validasi akan tampil di sini.</translation>
    </message>
    <message>
      <source>Kaltim sample loaded: 1,038 villages (population ESTIMATED), SYNTHETIC DEM and towers.</source>
      <translation>Sampel Kaltim dimuat: 1.038 desa (penduduk PERKIRAAN), DEM dan menara SINTETIS.</translation>
    </message>
    <message>
      <source>Repair now</source>
      <translation>Perbaiki sekarang</translation>
    </message>
    <message>
      <source>Validating…</source>
      <translation>Memvalidasi…</translation>
    </message>
    <message>
      <source>Validating villages</source>
      <translation>Memvalidasi desa</translation>
    </message>
    <message>
      <source>Adds the bundled sample: the 1,038 real village boundaries with ESTIMATED population, kecamatan and kab/kota, plus a SYNTHETIC DEM and SYNTHETIC towers, styled, in one layer group.</source>
      <translation>Menambahkan sampel bawaan: batas 1.038 desa yang nyata dengan jumlah penduduk PERKIRAAN, kecamatan dan kab/kota, serta DEM SINTETIS dan menara SINTETIS, sudah diberi gaya, dalam satu grup layer.</translation>
    </message>
    <message>
      <source>Village polygons (or village office points) with a code per village.</source>
      <translation>Poligon desa (atau titik kantor desa) dengan kode untuk setiap desa.</translation>
    </message>
    <message>
      <source>Existing tower sites (points).</source>
      <translation>Lokasi menara eksisting (titik).</translation>
    </message>
    <message>
      <source>Elevation model (GeoTIFF), e.g. DEMNAS or SRTM, in metres.</source>
      <translation>Model elevasi (GeoTIFF), misalnya DEMNAS atau SRTM, dalam meter.</translation>
    </message>
    <message>
      <source>Villages</source>
      <translation>Desa</translation>
    </message>
    <message>
      <source>Guess the fields from Kemendagri, BIG-RBI and BPS naming.</source>
      <translation>Tebak kolom dari penamaan Kemendagri, BIG-RBI dan BPS.</translation>
    </message>
    <message>
      <source>Check codes, names, population, geometries, CRS and DEM overlap.</source>
      <translation>Periksa kode, nama, penduduk, geometri, CRS dan tampalan dengan DEM.</translation>
    </message>
    <message>
      <source>Writes a repaired copy as a new layer; your layer is not changed.</source>
      <translation>Menulis salinan yang diperbaiki sebagai layer baru; layer Anda tidak diubah.</translation>
    </message>
    <message>
      <source>Invalid village boundaries in the sample (the real boundary data): {codes}. Repair them before the coverage.</source>
      <translation>Batas desa tidak valid pada sampel (data batas aslinya): {codes}. Perbaiki dulu sebelum menghitung cakupan.</translation>
    </message>
    <message>
      <source>Choose a village layer first (or load the Kaltim sample).</source>
      <translation>Pilih layer desa terlebih dahulu (atau muat sampel Kaltim).</translation>
    </message>
    <message>
      <source>Choose a village layer first.</source>
      <translation>Pilih layer desa terlebih dahulu.</translation>
    </message>
    <message>
      <source>Repaired villages</source>
      <translation>Desa yang diperbaiki</translation>
    </message>
    <message>
      <source>Naming scheme: {scheme}</source>
      <translation>Skema penamaan: {scheme}</translation>
    </message>
    <message>
      <source>Validation: {e} error(s), {w} warning(s) in {n} features.</source>
      <translation>Validasi: {e} kesalahan, {w} peringatan pada {n} fitur.</translation>
    </message>
    <message>
      <source>No folder to write the repaired villages to: save the project first.</source>
      <translation>Tidak ada folder untuk menulis desa yang diperbaiki: simpan proyek terlebih dahulu.</translation>
    </message>
    <message>
      <source>Repaired {n} geometry(ies) into {path}, now the Villages layer; the original is unchanged.</source>
      <translation>{n} geometri diperbaiki ke {path}, kini menjadi layer Desa; layer aslinya tidak berubah.</translation>
    </message>
    <message>
      <source>Field holding the village {what}. Detected automatically; change it if wrong.</source>
      <translation>Kolom yang memuat {what} desa. Terdeteksi otomatis; ubah jika keliru.</translation>
    </message>
    <message>
      <source>unknown</source>
      <translation>tidak dikenal</translation>
    </message>
    <message>
      <source>Validation failed: {log}</source>
      <translation>Validasi gagal: {log}</translation>
    </message>
    <message>
      <source>The repaired villages cannot be written to {path}: {error}</source>
      <translation>Desa yang diperbaiki tidak dapat ditulis ke {path}: {error}</translation>
    </message>
    <message>
      <source>Plan and layers</source>
      <translation>Rencana dan layer</translation>
    </message>
    <message>
      <source>GeoPackage (*.gpkg)</source>
      <translation>GeoPackage (*.gpkg)</translation>
    </message>
    <message>
      <source>The plan GeoPackage: it keeps the imported reports and the status history.</source>
      <translation>GeoPackage rencana: menyimpan laporan yang diimpor dan riwayat status.</translation>
    </message>
    <message>
      <source>Add monitoring fields…</source>
      <translation>Tambah kolom pemantauan…</translation>
    </message>
    <message>
      <source>Set up status editing</source>
      <translation>Siapkan penyuntingan status</translation>
    </message>
    <message>
      <source>Style map by status</source>
      <translation>Simbologi peta menurut status</translation>
    </message>
    <message>
      <source>Provider service reports</source>
      <translation>Laporan layanan penyedia</translation>
    </message>
    <message>
      <source>Provider name when the file has no provider column</source>
      <translation>Nama penyedia bila berkas tidak memiliki kolom penyedia</translation>
    </message>
    <message>
      <source>YYYY-MM when the rows have no period</source>
      <translation>YYYY-MM bila baris tidak punya periode</translation>
    </message>
    <message>
      <source>Month</source>
      <translation>Bulan</translation>
    </message>
    <message>
      <source>Corrects an earlier report</source>
      <translation>Mengoreksi laporan sebelumnya</translation>
    </message>
    <message>
      <source>The file corrects reports imported before: replace the values it differs in</source>
      <translation>Berkas ini mengoreksi laporan yang sudah diimpor: ganti nilai yang berbeda</translation>
    </message>
    <message>
      <source>Import provider report…</source>
      <translation>Impor laporan penyedia…</translation>
    </message>
    <message>
      <source>Indicators</source>
      <translation>Indikator</translation>
    </message>
    <message>
      <source>Refresh</source>
      <translation>Segarkan</translation>
    </message>
    <message>
      <source>Summary</source>
      <translation>Ringkasan</translation>
    </message>
    <message>
      <source>Providers</source>
      <translation>Penyedia</translation>
    </message>
    <message>
      <source>Flags</source>
      <translation>Penanda</translation>
    </message>
    <message>
      <source>Roadmap</source>
      <translation>Roadmap</translation>
    </message>
    <message>
      <source>Uptime</source>
      <translation>Uptime</translation>
    </message>
    <message>
      <source>Users</source>
      <translation>Pengguna</translation>
    </message>
    <message>
      <source>Speed and cadres</source>
      <translation>Kecepatan dan kader</translation>
    </message>
    <message>
      <source>Which table or chart to show.</source>
      <translation>Tabel atau grafik yang ditampilkan.</translation>
    </message>
    <message>
      <source>Selected village or site</source>
      <translation>Desa atau site terpilih</translation>
    </message>
    <message>
      <source>Select a feature on the map to see its status history and reports.</source>
      <translation>Pilih fitur di peta untuk melihat riwayat status dan laporannya.</translation>
    </message>
    <message>
      <source>SLA, provider scorecard, flags and indicators as CSV files and a PDF.</source>
      <translation>SLA, rapor penyedia, penanda dan indikator sebagai berkas CSV dan PDF.</translation>
    </message>
    <message>
      <source>Provider service report</source>
      <translation>Laporan layanan penyedia</translation>
    </message>
    <message>
      <source>Reports (*.csv *.xlsx *.xlsm)</source>
      <translation>Laporan (*.csv *.xlsx *.xlsm)</translation>
    </message>
    <message>
      <source>Importing service report</source>
      <translation>Mengimpor laporan layanan</translation>
    </message>
    <message>
      <source>Villages connected vs roadmap target (cumulative)</source>
      <translation>Desa terhubung vs target roadmap (kumulatif)</translation>
    </message>
    <message>
      <source>Active users per month</source>
      <translation>Pengguna aktif per bulan</translation>
    </message>
    <message>
      <source>Sites ≥ 25/3 Mbps</source>
      <translation>Site ≥ 25/3 Mbps</translation>
    </message>
    <message>
      <source>Speed (25/3 Mbps) and digital cadres</source>
      <translation>Kecepatan (25/3 Mbps) dan kader digital</translation>
    </message>
    <message>
      <source>Folder for the monthly M&amp;E report</source>
      <translation>Folder untuk laporan monev bulanan</translation>
    </message>
    <message>
      <source>Writing the M&amp;E report…</source>
      <translation>Menulis laporan monev…</translation>
    </message>
    <message>
      <source>Monthly M&amp;E report</source>
      <translation>Laporan monev bulanan</translation>
    </message>
    <message>
      <source>Plan GeoPackage</source>
      <translation>GeoPackage rencana</translation>
    </message>
    <message>
      <source>Status layer</source>
      <translation>Layer status</translation>
    </message>
    <message>
      <source>Adds status, survey/contract/installation/activation dates and a status note to the chosen layer of the plan GeoPackage (asks first).</source>
      <translation>Menambahkan status, tanggal survei/kontrak/pasang/aktif dan catatan status ke layer terpilih di GeoPackage rencana (dengan konfirmasi).</translation>
    </message>
    <message>
      <source>Status form with Indonesian labels and checks; every saved status change is added to the status history.</source>
      <translation>Formulir status dengan label bahasa Indonesia dan pemeriksaan; setiap perubahan status yang disimpan ditambahkan ke riwayat status.</translation>
    </message>
    <message>
      <source>CSV or XLSX: code, period, uptime, outages, users, speeds, latency.</source>
      <translation>CSV atau XLSX: kode, periode, uptime, gangguan, pengguna, kecepatan, latensi.</translation>
    </message>
    <message>
      <source>Show</source>
      <translation>Tampilkan</translation>
    </message>
    <message>
      <source>Status history</source>
      <translation>Riwayat status</translation>
    </message>
    <message>
      <source>Latest reports</source>
      <translation>Laporan terakhir</translation>
    </message>
    <message>
      <source>Choose the village or site layer first.</source>
      <translation>Pilih layer desa atau site terlebih dahulu.</translation>
    </message>
    <message>
      <source>Choose the plan GeoPackage first.</source>
      <translation>Pilih GeoPackage rencana terlebih dahulu.</translation>
    </message>
    <message>
      <source>Status editing set up for '{layer}'. Edit the status in the attribute table or the form and save: each change is added to the status history.</source>
      <translation>Penyuntingan status disiapkan untuk '{layer}'. Ubah status di tabel atribut atau formulir lalu simpan: setiap perubahan ditambahkan ke riwayat status.</translation>
    </message>
    <message>
      <source>Read {read}, imported {imp}, rejected {rej} (conflicts {conf}), duplicates {dup}.</source>
      <translation>Dibaca {read}, diimpor {imp}, ditolak {rej} (konflik {conf}), duplikat {dup}.</translation>
    </message>
    <message>
      <source>If the file corrects an earlier report, tick 'Corrects an earlier report' and import it again.</source>
      <translation>Jika berkas ini mengoreksi laporan sebelumnya, centang 'Mengoreksi laporan sebelumnya' dan impor lagi.</translation>
    </message>
    <message>
      <source>Indicator</source>
      <translation>Indikator</translation>
    </message>
    <message>
      <source>Value</source>
      <translation>Nilai</translation>
    </message>
    <message>
      <source>Site-months</source>
      <translation>Site-bulan</translation>
    </message>
    <message>
      <source>Mean %</source>
      <translation>Rata-rata %</translation>
    </message>
    <message>
      <source>Min %</source>
      <translation>Min %</translation>
    </message>
    <message>
      <source>Months below</source>
      <translation>Bulan di bawah target</translation>
    </message>
    <message>
      <source>Flag</source>
      <translation>Penanda</translation>
    </message>
    <message>
      <source>Digital cadres</source>
      <translation>Kader digital</translation>
    </message>
    <message>
      <source>When</source>
      <translation>Waktu</translation>
    </message>
    <message>
      <source>From</source>
      <translation>Dari</translation>
    </message>
    <message>
      <source>To</source>
      <translation>Menjadi</translation>
    </message>
    <message>
      <source>By</source>
      <translation>Oleh</translation>
    </message>
    <message>
      <source>Note</source>
      <translation>Catatan</translation>
    </message>
    <message>
      <source>Period</source>
      <translation>Periode</translation>
    </message>
    <message>
      <source>Uptime %</source>
      <translation>Uptime %</translation>
    </message>
    <message>
      <source>Down/Up Mbps</source>
      <translation>Unduh/Unggah Mbps</translation>
    </message>
    <message>
      <source>Outage</source>
      <translation>Gangguan</translation>
    </message>
    <message>
      <source>SLA target</source>
      <translation>Target SLA</translation>
    </message>
    <message>
      <source>Export monthly M&amp;E report…</source>
      <translation>Ekspor laporan monev bulanan…</translation>
    </message>
    <message>
      <source>Add monitoring fields</source>
      <translation>Tambah kolom pemantauan</translation>
    </message>
    <message>
      <source>Fields added to '{layer}': {fields}</source>
      <translation>Kolom ditambahkan ke '{layer}': {fields}</translation>
    </message>
    <message>
      <source>Importing {name}…</source>
      <translation>Mengimpor {name}…</translation>
    </message>
    <message>
      <source>Import failed; nothing was written. {log}</source>
      <translation>Impor gagal; tidak ada yang ditulis. {log}</translation>
    </message>
    <message>
      <source>Roadmap target</source>
      <translation>Target roadmap</translation>
    </message>
    <message>
      <source>Connected (active)</source>
      <translation>Terhubung (aktif)</translation>
    </message>
    <message>
      <source>Availability distribution {month} (%)</source>
      <translation>Sebaran ketersediaan {month} (%)</translation>
    </message>
    <message>
      <source>Active users</source>
      <translation>Pengguna aktif</translation>
    </message>
    <message>
      <source>Evaluated / planned</source>
      <translation>Dievaluasi / direncanakan</translation>
    </message>
    <message>
      <source>Meeting / trained</source>
      <translation>Memenuhi / terlatih</translation>
    </message>
    <message>
      <source>{code}: {n} status change(s)</source>
      <translation>{code}: {n} perubahan status</translation>
    </message>
    <message>
      <source>M&amp;E report for {month} written: {path}</source>
      <translation>Laporan monev untuk {month} ditulis: {path}</translation>
    </message>
    <message>
      <source>Monitoring fields are added only to a layer of a plan GeoPackage (.gpkg); '{layer}' is not one. Export it to the plan GeoPackage first.</source>
      <translation>Kolom pemantauan hanya ditambahkan ke layer di GeoPackage rencana (.gpkg); '{layer}' bukan layer tersebut. Ekspor dulu ke GeoPackage rencana.</translation>
    </message>
    <message>
      <source>none (all present)</source>
      <translation>tidak ada (semua sudah ada)</translation>
    </message>
    <message>
      <source>{n} of them replaced values imported before (see the log).</source>
      <translation>{n} di antaranya menggantikan nilai yang sudah diimpor (lihat log).</translation>
    </message>
    <message>
      <source>Rejected rows with reasons: {path}</source>
      <translation>Baris yang ditolak beserta alasannya: {path}</translation>
    </message>
    <message>
      <source>The M&amp;E report failed: {log}</source>
      <translation>Laporan monev gagal: {log}</translation>
    </message>
    <message>
      <source>Add the fields {status}, survey_date, contract_date, install_date, active_date and status_note (those missing) to layer '{layer}' in {path}?</source>
      <translation>Tambahkan kolom {status}, survey_date, contract_date, install_date, active_date dan status_note (yang belum ada) ke layer '{layer}' di {path}?</translation>
    </message>
    <message>
      <source>Cannot read the monitoring tables: {error}</source>
      <translation>Tabel pemantauan tidak dapat dibaca: {error}</translation>
    </message>
    <message>
      <source>Name (key)</source>
      <translation>Nama (kunci)</translation>
    </message>
    <message>
      <source>Label</source>
      <translation>Label</translation>
    </message>
    <message>
      <source>Pays</source>
      <translation>Membiayai</translation>
    </message>
    <message>
      <source>Technologies</source>
      <translation>Teknologi</translation>
    </message>
    <message>
      <source>CAPEX only for</source>
      <translation>CAPEX hanya untuk</translation>
    </message>
    <message>
      <source>OPEX only for</source>
      <translation>OPEX hanya untuk</translation>
    </message>
    <message>
      <source>Yearly cap (Rp)</source>
      <translation>Pagu tahunan (Rp)</translation>
    </message>
    <message>
      <source>Per-village cap (Rp/yr)</source>
      <translation>Pagu per desa (Rp/tahun)</translation>
    </message>
    <message>
      <source>Rules</source>
      <translation>Aturan</translation>
    </message>
    <message>
      <source>Recurring</source>
      <translation>Berkelanjutan</translation>
    </message>
    <message>
      <source>Order</source>
      <translation>Urutan</translation>
    </message>
    <message>
      <source>Short key (letters, digits, _ . -), unique; used in the funding_capex/funding_opex fields.</source>
      <translation>Kunci singkat (huruf, angka, _ . -), unik; dipakai di kolom funding_capex/funding_opex.</translation>
    </message>
    <message>
      <source>What the source pays: tick Investment (CAPEX) and/or Operation (OPEX) in the drop-down (double-click the cell). Pasted keys are read too: capex, opex or capex;opex.</source>
      <translation>Yang dibiayai sumber ini: centang Investasi (CAPEX) dan/atau Operasional (OPEX) di daftar pilihan (klik ganda sel). Kunci yang ditempel juga terbaca: capex, opex atau capex;opex.</translation>
    </message>
    <message>
      <source>Optional narrower list for CAPEX: tick the technologies in the drop-down (double-click the cell); nothing ticked = same as Technologies. Pasted keys separated by ';' are read too.</source>
      <translation>Daftar lebih sempit untuk CAPEX, opsional: centang teknologinya di daftar pilihan (klik ganda sel); tanpa centang = sama dengan Teknologi. Kunci yang ditempel, dipisah ';', juga terbaca.</translation>
    </message>
    <message>
      <source>Optional narrower list for OPEX: tick the technologies in the drop-down (double-click the cell); nothing ticked = same as Technologies. Pasted keys separated by ';' are read too.</source>
      <translation>Daftar lebih sempit untuk OPEX, opsional: centang teknologinya di daftar pilihan (klik ganda sel); tanpa centang = sama dengan Teknologi. Kunci yang ditempel, dipisah ';', juga terbaca.</translation>
    </message>
    <message>
      <source>The most the source pays in one year, CAPEX and OPEX together (per kabupaten/kota with the per_kab rule).</source>
      <translation>Jumlah terbesar yang dibayar sumber ini dalam satu tahun, CAPEX dan OPEX bersama (per kabupaten/kota dengan aturan per_kab).</translation>
    </message>
    <message>
      <source>Optional: the most it pays for one village in one year (empty = no limit).</source>
      <translation>Opsional: jumlah terbesar untuk satu desa dalam satu tahun (kosong = tanpa batas).</translation>
    </message>
    <message>
      <source>Eligibility rules, ticked in the drop-down (double-click the cell): 3t (3T villages only), plot (a 20×20 m plot is confirmed), desa (not kelurahan), per_kab (the yearly cap applies to each kabupaten/kota), operator (operators' commercial money: sustainability is also shown without it). Pasted keys separated by ';' are read too.</source>
      <translation>Aturan kelayakan, dicentang di daftar pilihan (klik ganda sel): 3t (hanya desa 3T), plot (lahan 20×20 m terkonfirmasi), desa (bukan kelurahan), per_kab (pagu tahunan berlaku untuk setiap kabupaten/kota), operator (dana komersial operator: keberlanjutan juga ditampilkan tanpanya). Kunci yang ditempel, dipisah ';', juga terbaca.</translation>
    </message>
    <message>
      <source>Money that continues after the programme; used for the sustainability figure.</source>
      <translation>Dana yang terus tersedia setelah program berakhir; dipakai untuk angka keberlanjutan.</translation>
    </message>
    <message>
      <source>Spending order: lower first. The roadmap spends the most specific money first.</source>
      <translation>Urutan pemakaian: yang lebih kecil lebih dulu. Roadmap memakai dana yang paling spesifik lebih dulu.</translation>
    </message>
    <message>
      <source>Run the roadmap to see the budget by year.</source>
      <translation>Jalankan roadmap untuk melihat anggaran per tahun.</translation>
    </message>
    <message>
      <source>Plan layer</source>
      <translation>Layer rencana</translation>
    </message>
    <message>
      <source>Existing towers</source>
      <translation>Menara eksisting</translation>
    </message>
    <message>
      <source>GeoPackage for the roadmap outputs (tables villages, roadmap_year_source, training_plan, operator_packages, tower_sharing, funding_sources). Empty: a temporary file.</source>
      <translation>GeoPackage untuk hasil roadmap (tabel villages, roadmap_year_source, training_plan, operator_packages, tower_sharing, funding_sources). Kosong: berkas sementara.</translation>
    </message>
    <message>
      <source>Save to</source>
      <translation>Simpan ke</translation>
    </message>
    <message>
      <source>Funding sources (sumber dana)</source>
      <translation>Sumber dana</translation>
    </message>
    <message>
      <source>Add a funding source</source>
      <translation>Tambah sumber dana</translation>
    </message>
    <message>
      <source>Remove the selected funding sources</source>
      <translation>Hapus sumber dana yang dipilih</translation>
    </message>
    <message>
      <source>Load CSV…</source>
      <translation>Muat CSV…</translation>
    </message>
    <message>
      <source>Save CSV…</source>
      <translation>Simpan CSV…</translation>
    </message>
    <message>
      <source>Replace the table with the default planning assumptions (see the notes).</source>
      <translation>Ganti tabel dengan asumsi perencanaan bawaan (lihat catatannya).</translation>
    </message>
    <message>
      <source>Run roadmap</source>
      <translation>Jalankan roadmap</translation>
    </message>
    <message>
      <source>Show the roadmap up to this year on the map (filters the roadmap layer).</source>
      <translation>Tampilkan roadmap sampai tahun ini di peta (menyaring layer roadmap).</translation>
    </message>
    <message>
      <source>Show unfunded</source>
      <translation>Tampilkan yang belum terdanai</translation>
    </message>
    <message>
      <source>Budget by year and source (Rp)</source>
      <translation>Anggaran per tahun dan sumber (Rp)</translation>
    </message>
    <message>
      <source>Villages connected by year</source>
      <translation>Desa tersambung per tahun</translation>
    </message>
    <message>
      <source>People connected by year</source>
      <translation>Penduduk tersambung per tahun</translation>
    </message>
    <message>
      <source>Building the roadmap…</source>
      <translation>Menyusun roadmap…</translation>
    </message>
    <message>
      <source>Building the roadmap</source>
      <translation>Menyusun roadmap</translation>
    </message>
    <message>
      <source>Replace roadmap tables?</source>
      <translation>Ganti tabel roadmap?</translation>
    </message>
    <message>
      <source>Budget by year and source</source>
      <translation>Anggaran per tahun dan sumber</translation>
    </message>
    <message>
      <source>Training plan</source>
      <translation>Rencana pelatihan</translation>
    </message>
    <message>
      <source>Tower sharing candidates</source>
      <translation>Kandidat berbagi menara</translation>
    </message>
    <message>
      <source>Satellite to fibre migrations</source>
      <translation>Migrasi satelit ke fiber</translation>
    </message>
    <message>
      <source>Funding sources</source>
      <translation>Sumber dana</translation>
    </message>
    <message>
      <source>The technologies the source pays for: tick them in the drop-down (double-click the cell), or 'all' for every technology. Pasted keys separated by ';' are read too: all, {keys}.</source>
      <translation>Teknologi yang dibiayai sumber ini: centang di daftar pilihan (klik ganda sel), atau 'semua' untuk setiap teknologi. Kunci yang ditempel, dipisah ';', juga terbaca: all, {keys}.</translation>
    </message>
    <message>
      <source>same as Technologies</source>
      <translation>sama dengan Teknologi</translation>
    </message>
    <message>
      <source>none</source>
      <translation>tidak ada</translation>
    </message>
    <message>
      <source>{code} (unknown)</source>
      <translation>{code} (tidak dikenal)</translation>
    </message>
    <message>
      <source>Village plan layer from 'Choose technology' (fields tech, capex_idr, opex_idr_year, priority_rank).</source>
      <translation>Layer rencana desa dari 'Pilih teknologi' (kolom tech, capex_idr, opex_idr_year, priority_rank).</translation>
    </message>
    <message>
      <source>Optional: existing towers with an operator field, for the tower sharing list (planned BTS near another operator's tower).</source>
      <translation>Opsional: menara eksisting dengan kolom operator, untuk daftar berbagi menara (BTS rencana di dekat menara operator lain).</translation>
    </message>
    <message>
      <source>First budget year of the roadmap (START_YEAR).</source>
      <translation>Tahun anggaran pertama roadmap (START_YEAR).</translation>
    </message>
    <message>
      <source>Number of years in the roadmap (YEARS). Villages that cannot be funded within these years are marked unfunded.</source>
      <translation>Jumlah tahun roadmap (YEARS). Desa yang tidak dapat didanai dalam tahun-tahun ini ditandai belum terdanai.</translation>
    </message>
    <message>
      <source>Trained digital cadres wanted per connected village (CADRE_TARGET).</source>
      <translation>Jumlah kader digital terlatih yang diinginkan per desa tersambung (CADRE_TARGET).</translation>
    </message>
    <message>
      <source>Start year</source>
      <translation>Tahun mulai</translation>
    </message>
    <message>
      <source>Years</source>
      <translation>Tahun</translation>
    </message>
    <message>
      <source>Cadres/village</source>
      <translation>Kader/desa</translation>
    </message>
    <message>
      <source>Runs the Processing algorithm 'Build multi-year roadmap' in the background and adds the results to the map.</source>
      <translation>Menjalankan algoritma Processing 'Susun roadmap multi-tahun' di latar belakang dan menambahkan hasilnya ke peta.</translation>
    </message>
    <message>
      <source>Map up to year</source>
      <translation>Peta sampai tahun</translation>
    </message>
    <message>
      <source>The funding table is empty: add at least one source (or Reset to defaults).</source>
      <translation>Tabel sumber dana kosong: tambahkan minimal satu sumber (atau Kembalikan ke bawaan).</translation>
    </message>
    <message>
      <source>Load funding table</source>
      <translation>Muat tabel sumber dana</translation>
    </message>
    <message>
      <source>Funding tables (*.csv *.json *.gpkg)</source>
      <translation>Tabel sumber dana (*.csv *.json *.gpkg)</translation>
    </message>
    <message>
      <source>Save funding table</source>
      <translation>Simpan tabel sumber dana</translation>
    </message>
    <message>
      <source>CSV (*.csv);;JSON (*.json)</source>
      <translation>CSV (*.csv);;JSON (*.json)</translation>
    </message>
    <message>
      <source>Choose the plan layer first (villages with a chosen technology).</source>
      <translation>Pilih layer rencana lebih dulu (desa dengan teknologi terpilih).</translation>
    </message>
    <message>
      <source>The roadmap is already running.</source>
      <translation>Roadmap sedang berjalan.</translation>
    </message>
    <message>
      <source>Fix the funding table first; see the messages under the table.</source>
      <translation>Perbaiki tabel sumber dana lebih dulu; lihat pesan di bawah tabel.</translation>
    </message>
    <message>
      <source>Save the roadmap to another GeoPackage than the plan layer's own file.</source>
      <translation>Simpan roadmap ke GeoPackage lain, bukan berkas layer rencana itu sendiri.</translation>
    </message>
    <message>
      <source>{path} holds a table '{table}' that is not a roadmap's (it lacks the roadmap's fields, such as fund_status and year): the roadmap saves its villages under that name and would replace it. Save the roadmap to another GeoPackage; your table is left as it is.</source>
      <translation>{path} berisi tabel '{table}' yang bukan tabel roadmap (tidak memiliki kolom roadmap, seperti fund_status dan year): roadmap menyimpan desanya dengan nama itu dan akan menggantinya. Simpan roadmap ke GeoPackage lain; tabel Anda dibiarkan apa adanya.</translation>
    </message>
    <message>
      <source>The roadmap was cancelled.</source>
      <translation>Penyusunan roadmap dibatalkan.</translation>
    </message>
    <message>
      <source>Funding table saved to {path}</source>
      <translation>Tabel sumber dana disimpan ke {path}</translation>
    </message>
    <message>
      <source>{path} already holds the tables {tables}. Replace them with the new roadmap?</source>
      <translation>{path} sudah berisi tabel {tables}. Ganti dengan roadmap yang baru?</translation>
    </message>
    <message>
      <source>Roadmap {start}–{end}</source>
      <translation>Roadmap {start}–{end}</translation>
    </message>
    <message>
      <source>Roadmap villages {start}–{end}</source>
      <translation>Desa dalam roadmap {start}–{end}</translation>
    </message>
    <message>
      <source>People</source>
      <translation>Penduduk</translation>
    </message>
    <message>
      <source>Planned: {planned} villages ({desa} desa, {kel} kelurahan): {new} new coverage, {office} office connections. Scheduled {s} ({p} people in connected villages, {pn} newly covered), {u} unfunded, {c} over installation capacity; connected today {ct}, of which service not funded {su}. CAPEX {capex} (villages {vcapex}, satellite-to-fibre migrations {mcapex}); OPEX in the roadmap {opex}; OPEX still running after {end}: {after} a year. OPEX after year 1 from recurring sources: {sus}. Training: {tn} cadres, {tc}.</source>
      <translation>Direncanakan: {planned} desa/kelurahan ({desa} desa, {kel} kelurahan): {new} cakupan baru, {office} sambungan kantor. Terjadwal {s} ({p} penduduk di desa/kelurahan tersambung, {pn} tercakup baru), {u} belum terdanai, {c} melebihi kapasitas pemasangan; sudah tersambung {ct}, di antaranya layanannya tidak terdanai {su}. CAPEX {capex} (desa {vcapex}, migrasi satelit ke fiber {mcapex}); OPEX dalam roadmap {opex}; OPEX yang masih berjalan setelah {end}: {after} per tahun. OPEX setelah tahun pertama dari sumber berulang: {sus}. Pelatihan: {tn} kader, {tc}.</translation>
    </message>
    <message>
      <source>Funding table OK: {n} sources, {total} per year (without per-kabupaten caps).</source>
      <translation>Tabel sumber dana benar: {n} sumber, {total} per tahun (tanpa pagu per kabupaten).</translation>
    </message>
    <message>
      <source>New source</source>
      <translation>Sumber baru</translation>
    </message>
    <message>
      <source>The roadmap failed: {log}</source>
      <translation>Penyusunan roadmap gagal: {log}</translation>
    </message>
    <message>
      <source>Cannot write {path}: {error}</source>
      <translation>Tidak dapat menulis {path}: {error}</translation>
    </message>
    <message>
      <source>Village priorities</source>
      <translation>Prioritas desa</translation>
    </message>
    <message>
      <source>Custom (sliders)</source>
      <translation>Kustom (slider)</translation>
    </message>
    <message>
      <source>Pemerataan: equity first. Efektif biaya: people per rupiah. Layanan publik: schools and health posts first.</source>
      <translation>Pemerataan: keadilan lebih dulu. Efektif biaya: jumlah orang per rupiah. Layanan publik: sekolah dan fasilitas kesehatan lebih dulu.</translation>
    </message>
    <message>
      <source>Preset</source>
      <translation>Preset</translation>
    </message>
    <message>
      <source>Weights (0–100)</source>
      <translation>Bobot (0–100)</translation>
    </message>
    <message>
      <source>Weights (0–100, rescaled to sum to 1)</source>
      <translation>Bobot (0–100, diskalakan ulang sehingga berjumlah 1)</translation>
    </message>
    <message>
      <source>Technology and new sites</source>
      <translation>Teknologi dan lokasi baru</translation>
    </message>
    <message>
      <source>Exact (MILP, HiGHS)</source>
      <translation>Eksak (MILP, HiGHS)</translation>
    </message>
    <message>
      <source>Greedy (fast heuristic)</source>
      <translation>Greedy (heuristik cepat)</translation>
    </message>
    <message>
      <source>Cost table…</source>
      <translation>Tabel biaya…</translation>
    </message>
    <message>
      <source>Costs</source>
      <translation>Biaya</translation>
    </message>
    <message>
      <source>Choose technology</source>
      <translation>Pilih teknologi</translation>
    </message>
    <message>
      <source>Optimise sites</source>
      <translation>Optimalkan lokasi</translation>
    </message>
    <message>
      <source>No data: the village layer has no population field (map it on the Data page).</source>
      <translation>Tidak ada data: lapisan desa tidak memiliki kolom jumlah penduduk (petakan di halaman Data).</translation>
    </message>
    <message>
      <source>No data: the villages have no coverage status. Run 'Classify villages' on the Coverage page; its result is then chosen here.</source>
      <translation>Tidak ada data: desa belum memiliki status cakupan. Jalankan 'Klasifikasi desa' di halaman Cakupan; hasilnya lalu otomatis dipilih di sini.</translation>
    </message>
    <message>
      <source>No data: the village layer has no IDM (Indeks Desa Membangun) field.</source>
      <translation>Tidak ada data: lapisan desa tidak memiliki kolom IDM (Indeks Desa Membangun).</translation>
    </message>
    <message>
      <source>No data: the village layer has no schools/health posts field.</source>
      <translation>Tidak ada data: lapisan desa tidak memiliki kolom sekolah/fasilitas kesehatan.</translation>
    </message>
    <message>
      <source>No data: remoteness is measured to the nearest covered village; classify the villages first (Coverage page).</source>
      <translation>Tidak ada data: keterpencilan diukur ke desa tercakup terdekat; klasifikasikan desa terlebih dahulu (halaman Cakupan).</translation>
    </message>
    <message>
      <source>No data: the village layer has no readiness field (electricity, cadres).</source>
      <translation>Tidak ada data: lapisan desa tidak memiliki kolom kesiapan (listrik, kader).</translation>
    </message>
    <message>
      <source>Cancelled.</source>
      <translation>Dibatalkan.</translation>
    </message>
    <message>
      <source>Choosing technology</source>
      <translation>Memilih teknologi</translation>
    </message>
    <message>
      <source>Building candidate sites</source>
      <translation>Membuat kandidat lokasi</translation>
    </message>
    <message>
      <source>Optimising sites</source>
      <translation>Mengoptimalkan lokasi</translation>
    </message>
    <message>
      <source>Villages to rank, ideally classified (status field from 'Classify villages'). Your layer is not changed: scores go into a new layer.</source>
      <translation>Desa yang akan diperingkat, sebaiknya sudah diklasifikasi (kolom status dari 'Klasifikasi desa'). Layer Anda tidak diubah: skor ditulis ke layer baru.</translation>
    </message>
    <message>
      <source>Weight of the criterion; the ranking updates while you move it.</source>
      <translation>Bobot kriteria; peringkat diperbarui saat Anda menggesernya.</translation>
    </message>
    <message>
      <source> billion Rp</source>
      <translation> miliar Rp</translation>
    </message>
    <message>
      <source>A new site covers the village offices within this distance.</source>
      <translation>Lokasi baru menjangkau kantor desa dalam jarak ini.</translation>
    </message>
    <message>
      <source>Empty: candidate sites are built first (offices, hilltops, existing towers).</source>
      <translation>Kosong: kandidat lokasi dibuat lebih dulu (kantor desa, puncak bukit, menara eksisting).</translation>
    </message>
    <message>
      <source>New BTS sites that 'Choose technology' plans: the sites 'Optimise sites' selected (chosen here after its run). Empty: no new BTS in the plan.</source>
      <translation>Lokasi BTS baru yang direncanakan oleh 'Pilih teknologi': lokasi yang dipilih 'Optimalkan lokasi' (dipilih di sini setelah dijalankan). Kosong: tidak ada BTS baru dalam rencana.</translation>
    </message>
    <message>
      <source>Budget</source>
      <translation>Anggaran</translation>
    </message>
    <message>
      <source>Coverage radius</source>
      <translation>Radius cakupan</translation>
    </message>
    <message>
      <source>Method</source>
      <translation>Metode</translation>
    </message>
    <message>
      <source>Candidate sites</source>
      <translation>Kandidat lokasi</translation>
    </message>
    <message>
      <source>Edit the CAPEX and OPEX of every technology (sourced defaults); saved in the project and used by 'Choose technology' and the candidate sites.</source>
      <translation>Ubah CAPEX dan OPEX setiap teknologi (nilai bawaan bersumber); disimpan dalam proyek dan dipakai oleh 'Pilih teknologi' dan kandidat lokasi.</translation>
    </message>
    <message>
      <source>Cheapest feasible connection per village office (fibre, 4G FWA, radio link, new BTS, satellite).</source>
      <translation>Koneksi layak termurah per kantor desa (serat optik, 4G FWA, radio link, BTS baru, satelit).</translation>
    </message>
    <message>
      <source>Choose new sites within the budget to cover the most people, weighted by the priority score.</source>
      <translation>Pilih lokasi baru dalam batas anggaran untuk menjangkau penduduk terbanyak, dibobot dengan skor prioritas.</translation>
    </message>
    <message>
      <source>All weights are zero: move at least one slider.</source>
      <translation>Semua bobot nol: geser setidaknya satu slider.</translation>
    </message>
    <message>
      <source>Weights used: {w}.</source>
      <translation>Bobot yang dipakai: {w}.</translation>
    </message>
    <message>
      <source>Village technology</source>
      <translation>Teknologi desa</translation>
    </message>
    <message>
      <source>Selected sites</source>
      <translation>Lokasi terpilih</translation>
    </message>
    <message>
      <source>Villages by coverage</source>
      <translation>Desa menurut cakupan</translation>
    </message>
    <message>
      <source>Technology choice failed: {log}</source>
      <translation>Pemilihan teknologi gagal: {log}</translation>
    </message>
    <message>
      <source>Technology: {counts}. CAPEX {capex}, OPEX {opex} per year.</source>
      <translation>Teknologi: {counts}. CAPEX {capex}, OPEX {opex} per tahun.</translation>
    </message>
    <message>
      <source>Candidate sites failed: {log}</source>
      <translation>Pembuatan kandidat lokasi gagal: {log}</translation>
    </message>
    <message>
      <source>Site optimisation failed: {log}</source>
      <translation>Optimasi lokasi gagal: {log}</translation>
    </message>
    <message>
      <source>{k} sites for {cost}: {pop} people newly covered (gap {gap}).</source>
      <translation>{k} lokasi senilai {cost}: {pop} penduduk baru tercakup (gap {gap}).</translation>
    </message>
    <message>
      <source>Run 'Choose technology' (again) to put these new BTS sites in the plan.</source>
      <translation>Jalankan 'Pilih teknologi' (lagi) agar lokasi BTS baru ini masuk ke rencana.</translation>
    </message>
    <message>
      <source>First: {name} ({score}).</source>
      <translation>Pertama: {name} ({score}).</translation>
    </message>
    <message>
      <source>No data, skipped: {c}.</source>
      <translation>Tanpa data, dilewati: {c}.</translation>
    </message>
    <message>
      <source>Place a planned site on the map and see, before building it, which villages it would cover. Needs the coverage of the existing sites and the classified villages from the Coverage page.</source>
      <translation>Tempatkan menara rencana di peta dan lihat, sebelum dibangun, desa mana yang akan tercakup. Memerlukan cakupan menara eksisting dan desa yang sudah diklasifikasi dari halaman Cakupan.</translation>
    </message>
    <message>
      <source>Place site</source>
      <translation>Tempatkan menara</translation>
    </message>
    <message>
      <source>Move site</source>
      <translation>Pindahkan menara</translation>
    </message>
    <message>
      <source>Choose or create a planned-sites layer first.</source>
      <translation>Pilih atau buat dulu layer lokasi menara rencana.</translation>
    </message>
    <message>
      <source>This point is outside the DEM: a site can only be placed on the terrain model. Nothing was added.</source>
      <translation>Titik ini di luar DEM: menara hanya dapat ditempatkan di atas model medan. Tidak ada yang ditambahkan.</translation>
    </message>
    <message>
      <source>The site could not be moved.</source>
      <translation>Menara tidak dapat dipindahkan.</translation>
    </message>
    <message>
      <source>The layer '{name}' cannot be edited (read-only?).</source>
      <translation>Layer '{name}' tidak dapat disunting (hanya-baca?).</translation>
    </message>
    <message>
      <source>The site could not be added to '{name}'.</source>
      <translation>Menara tidak dapat ditambahkan ke '{name}'.</translation>
    </message>
    <message>
      <source>Select a village on the map to see its score by criterion.</source>
      <translation>Pilih desa di peta untuk melihat skornya per kriteria.</translation>
    </message>
    <message>
      <source>{name}: score {score:.1f} of 100</source>
      <translation>{name}: skor {score:.1f} dari 100</translation>
    </message>
    <message>
      <source>Click the map with 'Signal at point' to see the terrain profile.</source>
      <translation>Klik peta dengan 'Sinyal di titik' untuk melihat profil medan.</translation>
    </message>
    <message>
      <source>Line of sight</source>
      <translation>Garis pandang</translation>
    </message>
    <message>
      <source>First Fresnel zone</source>
      <translation>Zona Fresnel pertama</translation>
    </message>
    <message>
      <source>Distance from the site (km)</source>
      <translation>Jarak dari site (km)</translation>
    </message>
    <message>
      <source>Elevation (m)</source>
      <translation>Ketinggian (m)</translation>
    </message>
    <message>
      <source>Signal, P.526</source>
      <translation>Sinyal, P.526</translation>
    </message>
    <message>
      <source>Signal, Longley-Rice ITM</source>
      <translation>Sinyal, Longley-Rice ITM</translation>
    </message>
    <message>
      <source>Terrain with earth bulge (k = {k:.2f})</source>
      <translation>Medan dengan kelengkungan bumi (k = {k:.2f})</translation>
    </message>
    <message>
      <source>covered</source>
      <translation>tercakup</translation>
    </message>
    <message>
      <source>below the threshold</source>
      <translation>di bawah ambang</translation>
    </message>
    <message>
      <source>{site} → point: {km} km, P.526 {dbm} dBm, ITM {itm} dBm (difference {diff} dB)</source>
      <translation>{site} → titik: {km} km, P.526 {dbm} dBm, ITM {itm} dBm (selisih {diff} dB)</translation>
    </message>
    <message>
      <source>The two models disagree on coverage here: check this point in the field.</source>
      <translation>Kedua model berbeda pendapat tentang cakupan di sini: periksa titik ini di lapangan.</translation>
    </message>
    <message>
      <source>The point is outside the ITM's range (paths of 1 to 2,000 km): its value is indicative.</source>
      <translation>Titik ini di luar rentang ITM (lintasan 1 sampai 2.000 km): nilainya hanya indikatif.</translation>
    </message>
    <message>
      <source>Best: {site} ({op}) {dbm} dBm at {km} km: {state}.</source>
      <translation>Terbaik: {site} ({op}) {dbm} dBm pada {km} km: {state}.</translation>
    </message>
    <message>
      <source>Second opinion, Longley-Rice ITM: {itm} dBm ({state}), {diff} dB from P.526.</source>
      <translation>Pendapat kedua, Longley-Rice ITM: {itm} dBm ({state}), {diff} dB dari P.526.</translation>
    </message>
    <message>
      <source>Without land-cover clutter: {why}</source>
      <translation>Tanpa clutter tutupan lahan: {why}</translation>
    </message>
    <message>
      <source>Both include the land-cover clutter of the coverage raster ({db} dB here).</source>
      <translation>Keduanya memperhitungkan clutter tutupan lahan dari raster cakupan ({db} dB di sini).</translation>
    </message>
    <message>
      <source>Canceling…</source>
      <translation>Membatalkan…</translation>
    </message>
    <message>
      <source>What-if previews</source>
      <translation>Pratinjau skenario</translation>
    </message>
    <message>
      <source>What-if: planned sites</source>
      <translation>Skenario: menara rencana</translation>
    </message>
    <message>
      <source>Create planned-sites layer…</source>
      <translation>Buat layer menara rencana…</translation>
    </message>
    <message>
      <source>Planned sites</source>
      <translation>Lokasi baru rencana</translation>
    </message>
    <message>
      <source>Villages classified against the existing coverage (status, cov_share).</source>
      <translation>Desa yang sudah diklasifikasi terhadap cakupan eksisting (status, cov_share).</translation>
    </message>
    <message>
      <source>Click on the map to add a planned site; drag a planned site to move it.</source>
      <translation>Klik peta untuk menambah menara rencana; seret menara rencana untuk memindahkannya.</translation>
    </message>
    <message>
      <source>Keep</source>
      <translation>Simpan</translation>
    </message>
    <message>
      <source>Discard</source>
      <translation>Buang</translation>
    </message>
    <message>
      <source>Place a site to see what it would change.</source>
      <translation>Tempatkan menara untuk melihat perubahan yang dihasilkannya.</translation>
    </message>
    <message>
      <source>GeoPackage for the planned sites</source>
      <translation>GeoPackage untuk menara rencana</translation>
    </message>
    <message>
      <source>Creating the planned-sites layer</source>
      <translation>Membuat layer menara rencana</translation>
    </message>
    <message>
      <source>Planned sites saved.</source>
      <translation>Menara rencana tersimpan.</translation>
    </message>
    <message>
      <source>Discard site</source>
      <translation>Buang menara</translation>
    </message>
    <message>
      <source>Site discarded.</source>
      <translation>Menara dibuang.</translation>
    </message>
    <message>
      <source>Point layer of planned sites (site_id, tech, height_m, …).</source>
      <translation>Layer titik menara rencana (site_id, tech, height_m, …).</translation>
    </message>
    <message>
      <source>Creates a planned-sites layer with its form in a GeoPackage.</source>
      <translation>Membuat layer menara rencana beserta formulirnya di dalam GeoPackage.</translation>
    </message>
    <message>
      <source>Coverage raster of the existing sites (best signal in dBm).</source>
      <translation>Raster cakupan menara eksisting (sinyal terbaik dalam dBm).</translation>
    </message>
    <message>
      <source>Existing coverage</source>
      <translation>Cakupan eksisting</translation>
    </message>
    <message>
      <source>Classified villages</source>
      <translation>Desa terklasifikasi</translation>
    </message>
    <message>
      <source>Save the planned-sites layer's edits (this site included).</source>
      <translation>Simpan suntingan layer menara rencana (termasuk menara ini).</translation>
    </message>
    <message>
      <source>Remove this site (within the layer's unsaved edits).</source>
      <translation>Hapus menara ini (di dalam suntingan layer yang belum disimpan).</translation>
    </message>
    <message>
      <source>The planned-sites layer cannot be opened.</source>
      <translation>Layer menara rencana tidak dapat dibuka.</translation>
    </message>
    <message>
      <source>Choose the DEM (terrain model) first, on the Data page or here.</source>
      <translation>Pilih dulu DEM (model medan), di halaman Data atau di sini.</translation>
    </message>
    <message>
      <source>Affected villages</source>
      <translation>Desa terdampak</translation>
    </message>
    <message>
      <source>Nothing to save.</source>
      <translation>Tidak ada yang perlu disimpan.</translation>
    </message>
    <message>
      <source>Planned-sites layer ready: {name}</source>
      <translation>Layer menara rencana siap: {name}</translation>
    </message>
    <message>
      <source>Computing the coverage of {site_id}…</source>
      <translation>Menghitung cakupan {site_id}…</translation>
    </message>
    <message>
      <source>Preview ready in {seconds} s.</source>
      <translation>Pratinjau siap dalam {seconds} detik.</translation>
    </message>
    <message>
      <source>Coverage preview {site_id}</source>
      <translation>Pratinjau cakupan {site_id}</translation>
    </message>
    <message>
      <source>Saving the planned sites failed: {errors}</source>
      <translation>Gagal menyimpan menara rencana: {errors}</translation>
    </message>
    <message>
      <source>The planned-sites layer was not created: {log}</source>
      <translation>Layer menara rencana tidak dibuat: {log}</translation>
    </message>
    <message>
      <source>Site {site_id} removed: place a site to see what it would change.</source>
      <translation>Menara {site_id} dihapus: tempatkan menara untuk melihat perubahan yang dihasilkannya.</translation>
    </message>
    <message>
      <source>&lt;b&gt;{site_id}&lt;/b&gt;: {people} people newly covered; {villages} village(s) newly covered, {improved} village(s) improve. Overlap with existing sites: {overlap} %. Cost: {cost}.</source>
      <translation>&lt;b&gt;{site_id}&lt;/b&gt;: {people} jiwa baru tercakup; {villages} desa baru tercakup, {improved} desa membaik. Tumpang tindih dengan menara eksisting: {overlap} %. Biaya: {cost}.</translation>
    </message>
    <message>
      <source>Site {site_id} has no location.</source>
      <translation>Menara {site_id} tidak memiliki lokasi.</translation>
    </message>
    <message>
      <source>(default for {tech})</source>
      <translation>(bawaan untuk {tech})</translation>
    </message>
    <message>
      <source>What-if preview of site {site_id}</source>
      <translation>Pratinjau skenario menara {site_id}</translation>
    </message>
    <message>
      <source>'{layer}' is part of the plugin's bundled sample, which is never changed. Save a copy in a GeoPackage of your own (right-click the layer, Export, Save Features As…) and use the copy, or build the roadmap on the Plan page: its GeoPackage is the plan to monitor.</source>
      <translation>'{layer}' adalah bagian dari sampel bawaan plugin, yang tidak pernah diubah. Simpan salinannya di GeoPackage Anda sendiri (klik kanan layer, Export, Save Features As…) lalu gunakan salinan itu, atau susun roadmap di halaman Rencana: GeoPackage-nya adalah rencana yang dipantau.</translation>
    </message>
    <message>
      <source>{path} is part of the plugin's bundled sample, which is never changed. Choose a file of your own.</source>
      <translation>{path} adalah bagian dari sampel bawaan plugin, yang tidak pernah diubah. Pilih berkas Anda sendiri.</translation>
    </message>
    <message>
      <source>Internet Desa Kaltim — {tool} {time}</source>
      <translation>Internet Desa Kaltim — {tool} {time}</translation>
    </message>
    <message>
      <source>Indonesian data write a dot between thousands and a decimal comma</source>
      <translation>data Indonesia memakai titik pemisah ribuan dan koma desimal</translation>
    </message>
    <message>
      <source>only that reading is a plausible value</source>
      <translation>hanya pembacaan itu yang bernilai masuk akal</translation>
    </message>
    <message>
      <source>the field holds counts or amounts, written with dots between thousands</source>
      <translation>kolom ini berisi jumlah atau nilai uang, yang ditulis dengan titik pemisah ribuan</translation>
    </message>
    <message>
      <source>row</source>
      <translation>baris</translation>
    </message>
    <message>
      <source>the text</source>
      <translation>teks tersebut</translation>
    </message>
    <message>
      <source>{whole}.{fraction}</source>
      <translation>{whole},{fraction}</translation>
    </message>
    <message>
      <source>{what} {row}, field {field}</source>
      <translation>{what} {row}, kolom {field}</translation>
    </message>
    <message>
      <source>write digits only, e.g. 1.500.000, 2,5 or 2,5e9.</source>
      <translation>tulis angka saja, mis. 1.500.000, 2,5 atau 2,5e9.</translation>
    </message>
    <message>
      <source>write the real value or leave the cell empty.</source>
      <translation>tulis nilai sebenarnya atau kosongkan sel.</translation>
    </message>
    <message>
      <source>correct the value, it cannot be below zero.</source>
      <translation>perbaiki nilainya, nilai ini tidak boleh di bawah nol.</translation>
    </message>
    <message>
      <source>enter the real value, or leave the cell empty.</source>
      <translation>isi nilai sebenarnya, atau kosongkan sel.</translation>
    </message>
    <message>
      <source>check it; leave the cell empty if the value is not known.</source>
      <translation>periksa nilainya; kosongkan sel bila nilainya tidak diketahui.</translation>
    </message>
    <message>
      <source>check the value and its unit.</source>
      <translation>periksa nilai dan satuannya.</translation>
    </message>
    <message>
      <source>check the value.</source>
      <translation>periksa nilainya.</translation>
    </message>
    <message>
      <source>check the value (a decimal comma where a dot between thousands was meant?).</source>
      <translation>periksa nilainya (koma desimal padahal yang dimaksud titik pemisah ribuan?).</translation>
    </message>
    <message>
      <source>thousands</source>
      <translation>ribuan</translation>
    </message>
    <message>
      <source>a decimal</source>
      <translation>desimal</translation>
    </message>
    <message>
      <source>if that is wrong, write the values without doubt, e.g. 1234 or 1,234.</source>
      <translation>bila keliru, tulis nilainya tanpa keraguan, mis. 1234 atau 1,234.</translation>
    </message>
    <message>
      <source>use one convention in the field.</source>
      <translation>gunakan satu cara penulisan dalam kolom ini.</translation>
    </message>
    <message>
      <source>comma</source>
      <translation>koma</translation>
    </message>
    <message>
      <source>semicolon</source>
      <translation>titik koma</translation>
    </message>
    <message>
      <source>tab</source>
      <translation>tab</translation>
    </message>
    <message>
      <source>Cannot read {path}: {error}. Save it again as .xlsx or as CSV (UTF-8).</source>
      <translation>Tidak dapat membaca {path}: {error}. Simpan ulang sebagai .xlsx atau CSV (UTF-8).</translation>
    </message>
    <message>
      <source>Cannot read the funding table {path}: {error}</source>
      <translation>Tabel sumber dana {path} tidak dapat dibaca: {error}</translation>
    </message>
    <message>
      <source>Field {field}</source>
      <translation>Kolom {field}</translation>
    </message>
    <message>
      <source>the column also holds '{raw}' ({what} {row}), which fixes its decimal mark</source>
      <translation>kolom ini juga berisi '{raw}' ({what} {row}), yang menentukan tanda desimalnya</translation>
    </message>
    <message>
      <source>correct the value (extra digits?).</source>
      <translation>perbaiki nilainya (kelebihan digit?).</translation>
    </message>
    <message>
      <source>{where}: '{raw}' cannot be used ({code}).</source>
      <translation>{where}: '{raw}' tidak dapat dipakai ({code}).</translation>
    </message>
    <message>
      <source>{message} Fix: {fix}</source>
      <translation>{message} Perbaikan: {fix}</translation>
    </message>
    <message>
      <source>… and {n} more problems with values of the input.</source>
      <translation>… dan {n} masalah lain pada nilai masukan.</translation>
    </message>
    <message>
      <source>Read sheet '{sheet}': header on row {row}.</source>
      <translation>Sheet '{sheet}' dibaca: judul kolom pada baris {row}.</translation>
    </message>
    <message>
      <source>Read as CSV: encoding {enc}, delimiter {delim}, header on row {row}.</source>
      <translation>Dibaca sebagai CSV: encoding {enc}, pemisah {delim}, judul kolom pada baris {row}.</translation>
    </message>
    <message>
      <source>The file {path} does not exist. Choose an existing CSV or XLSX file.</source>
      <translation>Berkas {path} tidak ada. Pilih berkas CSV atau XLSX yang ada.</translation>
    </message>
    <message>
      <source>The file {path} is empty: it holds no header and no rows. Choose the file with the data, or save it again from the spreadsheet.</source>
      <translation>Berkas {path} kosong: tidak ada judul kolom maupun baris. Pilih berkas yang berisi data, atau simpan ulang dari spreadsheet.</translation>
    </message>
    <message>
      <source>{path}: {ext} files cannot be read. Save the sheet as .xlsx or as CSV and choose that file.</source>
      <translation>{path}: berkas {ext} tidak dapat dibaca. Simpan sheet sebagai .xlsx atau CSV lalu pilih berkas itu.</translation>
    </message>
    <message>
      <source>{path}: the header (row {row}) has the column '{column}' more than once (columns {columns}), so which one to read cannot be known. Rename or delete the extra column and save the file again.</source>
      <translation>{path}: judul kolom (baris {row}) memuat kolom '{column}' lebih dari sekali (kolom {columns}), sehingga tidak dapat diketahui mana yang dibaca. Ganti nama atau hapus kolom tambahan itu lalu simpan berkas lagi.</translation>
    </message>
    <message>
      <source>{path}, line {line}: a quote (") opens a cell that never closes, so the rest of the file would be read as one cell. Close the quote or remove it, and save the file again.</source>
      <translation>{path}, baris {line}: tanda kutip (") membuka sel yang tidak pernah ditutup, sehingga sisa berkas akan terbaca sebagai satu sel. Tutup tanda kutip itu atau hapus, lalu simpan berkas lagi.</translation>
    </message>
    <message>
      <source>{path} has no sheet '{sheet}' (sheets: {sheets}).</source>
      <translation>{path} tidak memiliki sheet '{sheet}' (sheet yang ada: {sheets}).</translation>
    </message>
    <message>
      <source>The funding table file {path} does not exist. Choose an existing CSV, JSON or GeoPackage file.</source>
      <translation>Berkas tabel sumber dana {path} tidak ada. Pilih berkas CSV, JSON atau GeoPackage yang ada.</translation>
    </message>
    <message>
      <source>{where}: '{raw}' is not a number; the value is not used.</source>
      <translation>{where}: '{raw}' bukan angka; nilai ini tidak dipakai.</translation>
    </message>
    <message>
      <source>{where}: '{raw}' is not a finite number; the value is not used.</source>
      <translation>{where}: '{raw}' bukan angka terhingga; nilai ini tidak dipakai.</translation>
    </message>
    <message>
      <source>{where}: '{raw}' is negative; the value is not used.</source>
      <translation>{where}: '{raw}' bernilai negatif; nilai ini tidak dipakai.</translation>
    </message>
    <message>
      <source>{where}: the value is zero, which is not possible here (a cost of zero would make a free tower); the value is not used.</source>
      <translation>{where}: nilainya nol, yang tidak mungkin di sini (biaya nol membuat menara gratis); nilai ini tidak dipakai.</translation>
    </message>
    <message>
      <source>{where}: the value is zero, which is not possible here; the value is not used.</source>
      <translation>{where}: nilainya nol, yang tidak mungkin di sini; nilai tersebut tidak dipakai.</translation>
    </message>
    <message>
      <source>{where}: the value is zero and is used as zero.</source>
      <translation>{where}: nilainya nol dan dipakai sebagai nol.</translation>
    </message>
    <message>
      <source>{where}: {value} is outside the plausible range {lo} to {hi}; the value is not used.</source>
      <translation>{where}: {value} di luar rentang wajar {lo} sampai {hi}; nilai ini tidak dipakai.</translation>
    </message>
    <message>
      <source>{where}: {value} is far beyond the other values of the field ({low} to {high}, median {median}); it is used as it is.</source>
      <translation>{where}: {value} jauh di luar nilai lain pada kolom ini ({low} sampai {high}, median {median}); nilai ini tetap dipakai.</translation>
    </message>
    <message>
      <source>{where}: '{raw}' is read as {value}, a count with a fraction.</source>
      <translation>{where}: '{raw}' dibaca sebagai {value}, jumlah yang berpecahan.</translation>
    </message>
    <message>
      <source>{where}: {n} value(s) such as '{raw}' ({what} {rows}) could be thousands or a decimal; read as {reading} ('{raw}' = {value}) because {basis}.</source>
      <translation>{where}: {n} nilai seperti '{raw}' ({what} {rows}) dapat berarti ribuan atau desimal; dibaca sebagai {reading} ('{raw}' = {value}) karena {basis}.</translation>
    </message>
    <message>
      <source>{where}: {c} value(s) use a decimal comma (e.g. '{craw}', {what} {crow}) and {p} a decimal point (e.g. '{praw}', {what} {prow}); values that could be either are read with the decimal {used}.</source>
      <translation>{where}: {c} nilai memakai koma desimal (mis. '{craw}', {what} {crow}) dan {p} memakai titik desimal (mis. '{praw}', {what} {prow}); nilai yang dapat berarti keduanya dibaca dengan desimal {used}.</translation>
    </message>
    <message>
      <source>Title rows skipped: {rows}.</source>
      <translation>Baris judul dilewati: {rows}.</translation>
    </message>
    <message>
      <source>{where}: {value} is far beyond the other values of the field ({low} to {high}, median {median}); it is treated as missing.</source>
      <translation>{where}: {value} jauh di luar nilai lain pada kolom ini ({low} sampai {high}, median {median}); nilai ini dianggap kosong.</translation>
    </message>
    <message>
      <source>point</source>
      <translation>titik</translation>
    </message>
    <message>
      <source>{n} site value(s) of {layer} are physically implausible and would give a wrong coverage: {list}. Correct them in the layer (height in metres above ground, frequency in MHz, EIRP in dBm), or leave the cell empty to use the default.</source>
      <translation>{n} nilai menara di {layer} tidak masuk akal secara fisik dan akan memberi cakupan yang salah: {list}. Perbaiki di layer tersebut (tinggi dalam meter di atas tanah, frekuensi dalam MHz, EIRP dalam dBm), atau kosongkan selnya untuk memakai nilai bawaan.</translation>
    </message>
    <message>
      <source>site {id}: {field} = {value:g} (valid {lo:g} to {hi:g})</source>
      <translation>menara {id}: {field} = {value:g} (sah {lo:g} sampai {hi:g})</translation>
    </message>
    <message>
      <source>site {id}: {field} = '{value}' is not a number (valid {lo:g} to {hi:g})</source>
      <translation>menara {id}: {field} = '{value}' bukan angka (sah {lo:g} sampai {hi:g})</translation>
    </message>
    <message>
      <source>a folder, not a file</source>
      <translation>sebuah folder, bukan berkas</translation>
    </message>
    <message>
      <source>an empty file (0 bytes), not an SQLite file</source>
      <translation>berkas kosong (0 byte), bukan berkas SQLite</translation>
    </message>
    <message>
      <source>an SQLite database without the GeoPackage tables</source>
      <translation>basis data SQLite tanpa tabel-tabel GeoPackage</translation>
    </message>
    <message>
      <source>a shapefile (.shp)</source>
      <translation>shapefile (.shp)</translation>
    </message>
    <message>
      <source>a ZIP archive (e.g. Excel .xlsx)</source>
      <translation>arsip ZIP (mis. Excel .xlsx)</translation>
    </message>
    <message>
      <source>a TIFF raster</source>
      <translation>raster TIFF</translation>
    </message>
    <message>
      <source>a PDF document</source>
      <translation>dokumen PDF</translation>
    </message>
    <message>
      <source>a text file (e.g. CSV)</source>
      <translation>berkas teks (mis. CSV)</translation>
    </message>
    <message>
      <source>a file of another kind</source>
      <translation>berkas jenis lain</translation>
    </message>
    <message>
      <source>{what}, not an SQLite file</source>
      <translation>{what}, bukan berkas SQLite</translation>
    </message>
    <message>
      <source>QGIS cannot add a table to a GeoPackage whose file name has a dot before .gpkg ({name}: it takes '{suffix}' for the file's format). Rename it without the dot, e.g. {example}.</source>
      <translation>QGIS tidak dapat menambahkan tabel ke GeoPackage yang nama berkasnya memiliki titik sebelum .gpkg ({name}: QGIS membaca '{suffix}' sebagai format berkas). Ganti nama berkas tanpa titik, misalnya {example}.</translation>
    </message>
    <message>
      <source>QGIS cannot name a table of {path}: its path holds both ' and ". Choose a file whose path has neither.</source>
      <translation>QGIS tidak dapat menamai tabel di {path}: jalurnya memuat ' dan " sekaligus. Pilih berkas yang jalurnya tidak memuat keduanya.</translation>
    </message>
    <message>
      <source>'{table}' is a name a GeoPackage keeps for its own tables (names beginning with gpkg_, rtree_ or sqlite_): give the table another name, e.g. {example}.</source>
      <translation>'{table}' adalah nama yang disimpan GeoPackage untuk tabelnya sendiri (nama yang diawali gpkg_, rtree_ atau sqlite_): beri tabel itu nama lain, mis. {example}.</translation>
    </message>
    <message>
      <source>a file that cannot be read ({error})</source>
      <translation>berkas yang tidak dapat dibaca ({error})</translation>
    </message>
    <message>
      <source>Cannot open {path} to update it.</source>
      <translation>Tidak dapat membuka {path} untuk memperbaruinya.</translation>
    </message>
    <message>
      <source>{name} (repaired)</source>
      <translation>{name} (diperbaiki)</translation>
    </message>
    <message>
      <source>The offices layer has no CRS: set it in its layer properties.</source>
      <translation>Layer kantor desa tidak memiliki CRS: atur di properti layer.</translation>
    </message>
    <message>
      <source>Offices: {n} read (code field {field}).</source>
      <translation>Kantor desa: {n} dibaca (kolom kode {field}).</translation>
    </message>
    <message>
      <source>{n} of {total} office points lie far outside their village (feature id and code: {list}): the office rule tests the signal there. Check those offices' coordinates.</source>
      <translation>{n} dari {total} titik kantor desa berada jauh di luar desanya (id fitur dan kode: {list}): aturan kantor menguji sinyal di sana. Periksa koordinat kantor-kantor tersebut.</translation>
    </message>
    <message>
      <source>No village code field found in the offices layer (fields: {fields}). Set OFFICE_CODE_FIELD.</source>
      <translation>Tidak ditemukan kolom kode desa di layer kantor desa (kolom: {fields}). Atur OFFICE_CODE_FIELD.</translation>
    </message>
    <message>
      <source>{n} offices repeat a village code; the first one is used.</source>
      <translation>{n} kantor desa mengulang kode desa; yang pertama dipakai.</translation>
    </message>
    <message>
      <source>None of the {n} office points lies at its village (the office of {code} is at {x:.1f}, {y:.1f} in {crs}, its village around {vx:.1f}, {vy:.1f}): the offices layer's CRS is probably wrong (e.g. degrees declared as metres). Set its CRS in the layer properties, or leave OFFICES empty.</source>
      <translation>Tidak satu pun dari {n} titik kantor desa berada di desanya (kantor {code} di {x:.1f}, {y:.1f} dalam {crs}, desanya sekitar {vx:.1f}, {vy:.1f}): CRS layer kantor kemungkinan salah (mis. derajat dinyatakan sebagai meter). Atur CRS-nya di properti layer, atau kosongkan OFFICES.</translation>
    </message>
    <message>
      <source>Site ID</source>
      <translation>ID menara</translation>
    </message>
    <message>
      <source>Tower height</source>
      <translation>Tinggi menara</translation>
    </message>
    <message>
      <source>Frequency</source>
      <translation>Frekuensi</translation>
    </message>
    <message>
      <source>Transmit power (EIRP)</source>
      <translation>Daya pancar (EIRP)</translation>
    </message>
    <message>
      <source>Site status</source>
      <translation>Status menara</translation>
    </message>
    <message>
      <source>Cost (IDR)</source>
      <translation>Biaya (Rp)</translation>
    </message>
    <message>
      <source>Land status</source>
      <translation>Status lahan</translation>
    </message>
    <message>
      <source>Other operator</source>
      <translation>Lainnya</translation>
    </message>
    <message>
      <source>Planned</source>
      <translation>Direncanakan</translation>
    </message>
    <message>
      <source>Surveyed</source>
      <translation>Sudah disurvei</translation>
    </message>
    <message>
      <source>Contracted</source>
      <translation>Sudah dikontrak</translation>
    </message>
    <message>
      <source>Installed</source>
      <translation>Terpasang</translation>
    </message>
    <message>
      <source>Active (on air)</source>
      <translation>Aktif (on air)</translation>
    </message>
    <message>
      <source>Cancelled</source>
      <translation>Dibatalkan</translation>
    </message>
    <message>
      <source>Not checked yet</source>
      <translation>Belum dicek</translation>
    </message>
    <message>
      <source>Available</source>
      <translation>Tersedia</translation>
    </message>
    <message>
      <source>Refused by the owner</source>
      <translation>Ditolak pemilik</translation>
    </message>
    <message>
      <source>Disputed</source>
      <translation>Sengketa</translation>
    </message>
    <message>
      <source>Village grant</source>
      <translation>Hibah desa</translation>
    </message>
    <message>
      <source>Lease</source>
      <translation>Sewa</translation>
    </message>
    <message>
      <source>Choose the technology (2G, 3G, 4G or 5G): coverage and defaults depend on it.</source>
      <translation>Pilih teknologi (2G, 3G, 4G atau 5G): cakupan dan nilai bawaan bergantung padanya.</translation>
    </message>
    <message>
      <source>Tower height must be 10–120 m: lower masts do not clear the trees, higher ones are not built for village sites.</source>
      <translation>Tinggi menara harus 10–120 m: tiang yang lebih rendah tidak melewati pepohonan, yang lebih tinggi tidak dibangun untuk menara desa.</translation>
    </message>
    <message>
      <source>Transmit power (EIRP) must be 30–70 dBm: outside this range it is not a real base station (typical macro site 55–62 dBm).</source>
      <translation>Daya pancar (EIRP) harus 30–70 dBm: di luar rentang ini bukan BTS yang nyata (BTS makro umumnya 55–62 dBm).</translation>
    </message>
    <message>
      <source>Frequency must be 450–3800 MHz: the mobile bands licensed in Indonesia.</source>
      <translation>Frekuensi harus 450–3800 MHz: pita seluler yang berizin di Indonesia.</translation>
    </message>
    <message>
      <source>Cost cannot be negative.</source>
      <translation>Biaya tidak boleh negatif.</translation>
    </message>
    <message>
      <source>Every planned site needs an identifier.</source>
      <translation>Setiap menara rencana memerlukan ID.</translation>
    </message>
    <message>
      <source>Planned-sites form (Internet Desa Kaltim)</source>
      <translation>Formulir menara rencana (Internet Desa Kaltim)</translation>
    </message>
    <message>
      <source>Invalid CRS for the planned-sites layer; use e.g. EPSG:32750.</source>
      <translation>CRS tidak valid untuk layer menara rencana; gunakan misalnya EPSG:32750.</translation>
    </message>
    <message>
      <source>{path} exists but is not a GeoPackage: it seems to be {what}. Nothing was written to it. Choose a new .gpkg file name (it is created), or an existing GeoPackage.</source>
      <translation>{path} sudah ada tetapi bukan GeoPackage: tampaknya berkas itu {what}. Tidak ada yang ditulis ke dalamnya. Pilih nama berkas .gpkg baru (berkas itu akan dibuat), atau GeoPackage yang sudah ada.</translation>
    </message>
    <message>
      <source>The GeoPackage {path} already has a layer '{name}'. Choose another layer name, or tick 'Overwrite' to replace it (its sites are lost).</source>
      <translation>GeoPackage {path} sudah memiliki layer '{name}'. Pilih nama layer lain, atau centang 'Timpa' untuk menggantinya (menara di dalamnya akan hilang).</translation>
    </message>
    <message>
      <source>The layer '{name}' of {path} is not a planned-sites layer (it has no point geometry with site_id and tech): 'Overwrite' replaces only planned-sites layers. Choose another layer name; '{name}' is kept as it is.</source>
      <translation>Layer '{name}' di {path} bukan layer lokasi rencana (tidak memiliki geometri titik dengan site_id dan tech): 'Timpa' hanya mengganti layer lokasi rencana. Pilih nama layer lain; '{name}' tetap seperti semula.</translation>
    </message>
    <message>
      <source>The layer '{name}' of {path} is open in the project: remove it from the project (saving or discarding its edits) before replacing it.</source>
      <translation>Layer '{name}' dari {path} sedang terbuka di proyek: keluarkan dari proyek (simpan atau buang dulu suntingannya) sebelum menggantinya.</translation>
    </message>
    <message>
      <source>Cannot create the layer '{name}' in {path}: {error}</source>
      <translation>Tidak dapat membuat layer '{name}' di {path}: {error}</translation>
    </message>
    <message>
      <source>The layer '{name}' was written to {path} but cannot be opened.</source>
      <translation>Layer '{name}' sudah ditulis ke {path} tetapi tidak dapat dibuka.</translation>
    </message>
    <message>
      <source>Population is skipped: no population field (POPULATION_FIELD).</source>
      <translation>Penduduk dilewati: tidak ada kolom penduduk (POPULATION_FIELD).</translation>
    </message>
    <message>
      <source>Blank spot is skipped: no coverage status field (STATUS_FIELD); run 'Classify villages' first.</source>
      <translation>Blank spot dilewati: tidak ada kolom status cakupan (STATUS_FIELD); jalankan 'Klasifikasi desa' lebih dulu.</translation>
    </message>
    <message>
      <source>IDM is skipped: no IDM field (IDM_FIELD).</source>
      <translation>IDM dilewati: tidak ada kolom IDM (IDM_FIELD).</translation>
    </message>
    <message>
      <source>Facilities are skipped: no schools or health posts field (SCHOOLS_FIELD, HEALTH_FIELD).</source>
      <translation>Fasilitas dilewati: tidak ada kolom sekolah atau fasilitas kesehatan (SCHOOLS_FIELD, HEALTH_FIELD).</translation>
    </message>
    <message>
      <source>Readiness is skipped: no electricity or cadres field (ELECTRICITY_FIELD, CADRES_FIELD).</source>
      <translation>Kesiapan dilewati: tidak ada kolom listrik atau kader (ELECTRICITY_FIELD, CADRES_FIELD).</translation>
    </message>
    <message>
      <source>The population field '{f}' does not exist; using '{g}'.</source>
      <translation>Kolom penduduk '{f}' tidak ada; dipakai '{g}'.</translation>
    </message>
    <message>
      <source>The field '{f}' ({p}) does not exist in the village layer; the criterion that uses it is skipped.</source>
      <translation>Kolom '{f}' ({p}) tidak ada di layer desa; kriteria yang memakainya dilewati.</translation>
    </message>
    <message>
      <source>(cannot be placed in the DEM's CRS)</source>
      <translation>(tidak dapat ditempatkan dalam CRS DEM)</translation>
    </message>
    <message>
      <source>{k} of {n} village offices lie outside the DEM {name} (offices {v} vs DEM {r}, in {crs}): {codes}. {consequence} Use a DEM that covers every village, or check both layers' CRS.</source>
      <translation>{k} dari {n} kantor desa berada di luar DEM {name} (kantor {v} vs DEM {r}, dalam {crs}): {codes}. {consequence} Pakai DEM yang mencakup semua desa, atau periksa CRS kedua layer.</translation>
    </message>
    <message>
      <source>The villages do not overlap the DEM {name}: village offices {v} vs DEM {r} (in {crs}). Check both layers' CRS, or choose the DEM that covers these villages.</source>
      <translation>Desa-desa tidak bertampalan dengan DEM {name}: kantor desa {v} vs DEM {r} (dalam {crs}). Periksa CRS kedua layer, atau pilih DEM yang mencakup desa-desa ini.</translation>
    </message>
    <message>
      <source>Villages (population estimated)</source>
      <translation>Desa (penduduk perkiraan)</translation>
    </message>
    <message>
      <source>Village offices</source>
      <translation>Kantor desa</translation>
    </message>
    <message>
      <source>Existing towers (SYNTHETIC)</source>
      <translation>Menara eksisting (SINTETIS)</translation>
    </message>
    <message>
      <source>Elevation (SYNTHETIC DEM)</source>
      <translation>Elevasi (DEM SINTETIS)</translation>
    </message>
    <message>
      <source>Land cover (SYNTHETIC, ESA WorldCover classes)</source>
      <translation>Tutupan lahan (SINTETIS, kelas ESA WorldCover)</translation>
    </message>
    <message>
      <source>Kaltim sample (Internet Desa Kaltim)</source>
      <translation>Sampel Kaltim (Internet Desa Kaltim)</translation>
    </message>
    <message>
      <source>The bundled sample is incomplete (cannot open: {names}) in {folder}. Reinstall the plugin or run 'make sample'.</source>
      <translation>Sampel bawaan tidak lengkap (tidak dapat membuka: {names}) di {folder}. Pasang ulang plugin atau jalankan 'make sample'.</translation>
    </message>
    <message>
      <source>The status must be one of the workflow statuses.</source>
      <translation>Status harus salah satu status alur kerja.</translation>
    </message>
    <message>
      <source>Status (status)</source>
      <translation>Status</translation>
    </message>
    <message>
      <source>Survey date (tanggal survei)</source>
      <translation>Tanggal survei</translation>
    </message>
    <message>
      <source>Contract date (tanggal kontrak)</source>
      <translation>Tanggal kontrak</translation>
    </message>
    <message>
      <source>Installation date (tanggal pasang)</source>
      <translation>Tanggal pasang</translation>
    </message>
    <message>
      <source>Activation date (tanggal aktif)</source>
      <translation>Tanggal aktif</translation>
    </message>
    <message>
      <source>Status note (catatan status)</source>
      <translation>Catatan status</translation>
    </message>
    <message>
      <source>Installed, active or disrupted needs an installation date: the equipment must be on site before the service can run. Fill in the installation date first.</source>
      <translation>Status terpasang, aktif atau terganggu memerlukan tanggal pasang: perangkat harus sudah ada di lokasi sebelum layanan dapat berjalan. Isi tanggal pasang terlebih dahulu.</translation>
    </message>
    <message>
      <source>none (final status)</source>
      <translation>tidak ada (status akhir)</translation>
    </message>
    <message>
      <source>the file or its folder is read-only</source>
      <translation>berkas atau foldernya hanya-baca</translation>
    </message>
    <message>
      <source>{subject} cannot be written ({error}). Copy the plan GeoPackage to a folder you may write to and choose the copy, or ask for write permission on the file and its folder.</source>
      <translation>{subject} tidak dapat ditulis ({error}). Salin GeoPackage rencana ke folder yang boleh Anda tulisi lalu pilih salinannya, atau minta izin menulis pada berkas dan foldernya.</translation>
    </message>
    <message>
      <source>The date cannot lie in the future: a status records what has happened.</source>
      <translation>Tanggal tidak boleh di masa depan: status mencatat hal yang sudah terjadi.</translation>
    </message>
    <message>
      <source>Choose a valid village or site layer.</source>
      <translation>Pilih layer desa atau site yang valid.</translation>
    </message>
    <message>
      <source>Choose the plan GeoPackage that keeps the status history.</source>
      <translation>Pilih GeoPackage rencana yang menyimpan riwayat status.</translation>
    </message>
    <message>
      <source>status cannot change from {old} to {new} (allowed: {allowed})</source>
      <translation>status tidak dapat berubah dari {old} menjadi {new} (yang diizinkan: {allowed})</translation>
    </message>
    <message>
      <source>{subject} is not a GeoPackage: it seems to be {what}. Nothing was written to it. Choose the plan GeoPackage (.gpkg) that keeps the monitoring records, or a new .gpkg file name (it is created).</source>
      <translation>{subject} bukan GeoPackage: tampaknya {what}. Tidak ada yang ditulis ke berkas itu. Pilih GeoPackage rencana (.gpkg) yang menyimpan catatan pemantauan, atau nama berkas .gpkg baru (berkas itu dibuat).</translation>
    </message>
    <message>
      <source>The plan GeoPackage {path}</source>
      <translation>GeoPackage rencana {path}</translation>
    </message>
    <message>
      <source>{subject} cannot be read as a GeoPackage ({error}): the file is damaged or not a GeoPackage. Choose another plan GeoPackage, or restore a copy of this one.</source>
      <translation>{subject} tidak dapat dibaca sebagai GeoPackage ({error}): berkas itu rusak atau bukan GeoPackage. Pilih GeoPackage rencana lain, atau pulihkan salinan berkas ini.</translation>
    </message>
    <message>
      <source>Cannot open layer '{layer}' in {path}. Check the GeoPackage and the layer name.</source>
      <translation>Layer '{layer}' di {path} tidak dapat dibuka. Periksa GeoPackage dan nama layernya.</translation>
    </message>
    <message>
      <source>The date cannot lie in the future (a status records what has happened) and cannot be before {earlier}.</source>
      <translation>Tanggal tidak boleh di masa depan (status mencatat hal yang sudah terjadi) dan tidak boleh sebelum {earlier}.</translation>
    </message>
    <message>
      <source>Status ({field})</source>
      <translation>Status ({field})</translation>
    </message>
    <message>
      <source>Layer '{layer}' has no '{field}' field. Use 'Add monitoring fields' on the plan GeoPackage first; your input layer is never changed silently.</source>
      <translation>Layer '{layer}' tidak memiliki kolom '{field}'. Gunakan 'Tambah kolom pemantauan' pada GeoPackage rencana terlebih dahulu; layer masukan Anda tidak pernah diubah diam-diam.</translation>
    </message>
    <message>
      <source>Field '{field}' of '{layer}' holds values that are not deployment statuses ({values}), for example the coverage class from 'Classify villages'. Correct them, or add a separate field '{alt}' with 'Add monitoring fields'.</source>
      <translation>Kolom '{field}' pada '{layer}' berisi nilai yang bukan status pembangunan ({values}), misalnya kelas cakupan dari 'Klasifikasi desa'. Perbaiki nilainya, atau tambahkan kolom terpisah '{alt}' dengan 'Tambah kolom pemantauan'.</translation>
    </message>
    <message>
      <source>{subject} is locked by another program (or by a layer being edited in QGIS), so it cannot be read now. Close it in the other program or end the QGIS editing session (save or discard the edits), and run again.</source>
      <translation>{subject} sedang dikunci oleh program lain (atau oleh layer yang sedang disunting di QGIS), sehingga tidak dapat dibaca sekarang. Tutup berkas itu di program lain atau akhiri sesi penyuntingan QGIS (simpan atau buang suntingan), lalu jalankan lagi.</translation>
    </message>
    <message>
      <source>Could not add the monitoring fields to '{layer}': {error}</source>
      <translation>Kolom pemantauan tidak dapat ditambahkan ke '{layer}': {error}</translation>
    </message>
    <message>
      <source>{subject} is locked by another program (or by a layer being edited in QGIS), so it cannot be written now. Close it in the other program or end the QGIS editing session (save or discard the edits), and run again.</source>
      <translation>{subject} sedang dikunci oleh program lain (atau oleh layer yang sedang disunting di QGIS), sehingga tidak dapat ditulis sekarang. Tutup berkas itu di program lain atau akhiri sesi penyuntingan QGIS (simpan atau buang suntingan), lalu jalankan lagi.</translation>
    </message>
    <message>
      <source>Feature {fid}: the status was cleared; status history records only statuses, nothing written.</source>
      <translation>Fitur {fid}: status dikosongkan; riwayat status hanya mencatat status, tidak ada yang ditulis.</translation>
    </message>
    <message>
      <source>outside the workflow: {problem}</source>
      <translation>di luar alur kerja: {problem}</translation>
    </message>
    <message>
      <source>Status of {code} changed outside the workflow ({problem}); recorded with a note.</source>
      <translation>Status {code} diubah di luar alur kerja ({problem}); dicatat dengan keterangan.</translation>
    </message>
    <message>
      <source>Status history not written for {code}: {error}</source>
      <translation>Riwayat status untuk {code} tidak ditulis: {error}</translation>
    </message>
    <message>
      <source>Status history for {code} could not be written yet ({error}); it is kept and written at the next save.</source>
      <translation>Riwayat status untuk {code} belum dapat ditulis ({error}); disimpan dan ditulis pada penyimpanan berikutnya.</translation>
    </message>
    <message>
      <source>Covered</source>
      <translation>Tercakup</translation>
    </message>
    <message>
      <source>Partial</source>
      <translation>Sebagian</translation>
    </message>
    <message>
      <source>Blank spot</source>
      <translation>Blank spot</translation>
    </message>
    <message>
      <source>Land cover class</source>
      <translation>Kelas tutupan lahan</translation>
    </message>
    <message>
      <source>Tree cover</source>
      <translation>Tutupan pohon</translation>
    </message>
    <message>
      <source>Shrubland</source>
      <translation>Semak belukar</translation>
    </message>
    <message>
      <source>Grassland</source>
      <translation>Padang rumput</translation>
    </message>
    <message>
      <source>Cropland</source>
      <translation>Lahan pertanian</translation>
    </message>
    <message>
      <source>Built-up</source>
      <translation>Permukiman / terbangun</translation>
    </message>
    <message>
      <source>Bare / sparse vegetation</source>
      <translation>Lahan terbuka / vegetasi jarang</translation>
    </message>
    <message>
      <source>Snow and ice</source>
      <translation>Salju dan es</translation>
    </message>
    <message>
      <source>Permanent water bodies</source>
      <translation>Badan air permanen</translation>
    </message>
    <message>
      <source>Herbaceous wetland</source>
      <translation>Lahan basah herba</translation>
    </message>
    <message>
      <source>Mangroves</source>
      <translation>Mangrove</translation>
    </message>
    <message>
      <source>Moss and lichen</source>
      <translation>Lumut</translation>
    </message>
    <message>
      <source>No signal: blank spot</source>
      <translation>Tanpa sinyal: blank spot</translation>
    </message>
    <message>
      <source>Below {t:.0f} dBm: blank spot</source>
      <translation>Di bawah {t:.0f} dBm: blank spot</translation>
    </message>
    <message>
      <source>threshold</source>
      <translation>ambang</translation>
    </message>
    <message>
      <source>Height 0 m or below in the DEM</source>
      <translation>Ketinggian 0 m atau kurang pada DEM</translation>
    </message>
    <message>
      <source>0 sites (no line of sight)</source>
      <translation>0 site (tidak ada garis pandang)</translation>
    </message>
    <message>
      <source>1 site in line of sight</source>
      <translation>1 site dalam garis pandang</translation>
    </message>
    <message>
      <source>Sites in line of sight</source>
      <translation>Site dalam garis pandang</translation>
    </message>
    <message>
      <source>Best signal (dBm)</source>
      <translation>Sinyal terbaik (dBm)</translation>
    </message>
    <message>
      <source>{n} sites in line of sight</source>
      <translation>{n} site dalam garis pandang</translation>
    </message>
    <message>
      <source>4 to {n} sites in line of sight</source>
      <translation>4 sampai {n} site dalam garis pandang</translation>
    </message>
    <message>
      <source>No status yet</source>
      <translation>Belum ada status</translation>
    </message>
    <message>
      <source>Layer '{layer}' has no '{field}' field to style by.</source>
      <translation>Layer '{layer}' tidak memiliki kolom '{field}' untuk simbologi.</translation>
    </message>
    <message>
      <source>Unfunded (belum terdanai)</source>
      <translation>Belum terdanai</translation>
    </message>
    <message>
      <source>Year {year}</source>
      <translation>Tahun {year}</translation>
    </message>
    <message>
      <source>Fibre optic</source>
      <translation>Serat optik</translation>
    </message>
    <message>
      <source>4G FWA (router)</source>
      <translation>4G FWA (router)</translation>
    </message>
    <message>
      <source>Radio link</source>
      <translation>Radio link</translation>
    </message>
    <message>
      <source>New 4G BTS</source>
      <translation>BTS 4G baru</translation>
    </message>
    <message>
      <source>Co-location on an existing tower</source>
      <translation>Kolokasi pada menara eksisting</translation>
    </message>
    <message>
      <source>Satellite</source>
      <translation>Satelit</translation>
    </message>
    <message>
      <source>Province village package</source>
      <translation>Paket internet desa Pemprov</translation>
    </message>
    <message>
      <source>Village office</source>
      <translation>Kantor desa</translation>
    </message>
    <message>
      <source>Hilltop</source>
      <translation>Puncak bukit</translation>
    </message>
    <message>
      <source>Existing tower (co-location)</source>
      <translation>Menara eksisting (kolokasi)</translation>
    </message>
    <message>
      <source>Covered by an existing site</source>
      <translation>Terjangkau oleh lokasi yang ada</translation>
    </message>
    <message>
      <source>Covered by a new site</source>
      <translation>Terjangkau oleh lokasi baru</translation>
    </message>
    <message>
      <source>Not covered</source>
      <translation>Tidak terjangkau</translation>
    </message>
    <message>
      <source>Line of sight (GDAL viewshed, number of sites visible)</source>
      <translation>Garis pandang (viewshed GDAL, jumlah site yang terlihat)</translation>
    </message>
    <message>
      <source>ITU-R P.526 §4.5.2: free space + complete diffraction over the terrain (Bullington with its correction, smooth-earth terms) (dBm)</source>
      <translation>ITU-R P.526 §4.5.2: ruang bebas + difraksi lengkap di atas medan (Bullington dengan koreksinya, suku bumi halus) (dBm)</translation>
    </message>
    <message>
      <source>Okumura-Hata / COST-231, terrain ignored (dBm)</source>
      <translation>Okumura-Hata / COST-231, medan diabaikan (dBm)</translation>
    </message>
    <message>
      <source>Bullington only, without the P.526 correction and smooth-earth terms (optimistic; by name only)</source>
      <translation>Bullington saja, tanpa koreksi P.526 dan suku bumi halus (optimistis; hanya bila diminta)</translation>
    </message>
    <message>
      <source>Longley-Rice ITM 1.2.2, the second opinion (equatorial climate, medians; slow) (dBm)</source>
      <translation>Longley-Rice ITM 1.2.2, pendapat kedua (iklim ekuatorial, median; lambat) (dBm)</translation>
    </message>
    <message>
      <source>Total received power (dBm)</source>
      <translation>Total daya terima (dBm)</translation>
    </message>
    <message>
      <source>4G RSRP, 10 MHz carrier (received power - 27.8 dB)</source>
      <translation>RSRP 4G, carrier 10 MHz (daya terima - 27,8 dB)</translation>
    </message>
    <message>
      <source>4G RSRP, 20 MHz carrier (received power - 30.8 dB)</source>
      <translation>RSRP 4G, carrier 20 MHz (daya terima - 30,8 dB)</translation>
    </message>
    <message>
      <source>Exact (a ray and a sample for every DEM cell; slow, the reference)</source>
      <translation>Tepat (satu sinar dan satu sampel untuk setiap sel DEM; lambat, acuan)</translation>
    </message>
    <message>
      <source>Fast (rays 180 m apart, samples every 360 m, refined every 90 m; ~0.3 dB mean difference from exact, p99 2.9 dB on sharp ridges)</source>
      <translation>Cepat (sinar berjarak 180 m, sampel setiap 360 m, dihitung ulang setiap 90 m; selisih rata-rata ~0,3 dB dari Tepat, p99 2,9 dB di punggung bukit tajam)</translation>
    </message>
    <message>
      <source>Fine (rays and samples 180 m apart; ~0.2 dB mean difference from exact)</source>
      <translation>Halus (sinar dan sampel berjarak 180 m; selisih rata-rata ~0,2 dB dari Tepat)</translation>
    </message>
    <message>
      <source>Pemerataan (equity first)</source>
      <translation>Pemerataan (keadilan lebih dulu)</translation>
    </message>
    <message>
      <source>Efektif biaya (people per rupiah)</source>
      <translation>Efektif biaya (jumlah orang per rupiah)</translation>
    </message>
    <message>
      <source>Layanan publik (schools and health posts first)</source>
      <translation>Layanan publik (sekolah dan fasilitas kesehatan lebih dulu)</translation>
    </message>
    <message>
      <source>IDM (village development)</source>
      <translation>IDM (Indeks Desa Membangun)</translation>
    </message>
    <message>
      <source>Public facilities</source>
      <translation>Fasilitas publik</translation>
    </message>
    <message>
      <source>Remoteness</source>
      <translation>Keterpencilan</translation>
    </message>
    <message>
      <source>Readiness (electricity, cadres)</source>
      <translation>Kesiapan (listrik, kader)</translation>
    </message>
    <message>
      <source>Fibre service subscription</source>
      <translation>Langganan layanan serat optik</translation>
    </message>
    <message>
      <source>BAKTI / USO</source>
      <translation>BAKTI / USO</translation>
    </message>
    <message>
      <source>Operator co-investment</source>
      <translation>Koinvestasi operator</translation>
    </message>
    <message>
      <source>Dana Desa</source>
      <translation>Dana Desa</translation>
    </message>
    <message>
      <source>APBD Kabupaten/Kota</source>
      <translation>APBD Kabupaten/Kota</translation>
    </message>
    <message>
      <source>APBD Provinsi</source>
      <translation>APBD Provinsi</translation>
    </message>
    <message>
      <source>Unfunded</source>
      <translation>Belum terdanai</translation>
    </message>
    <message>
      <source>Program Internet Desa (APBD Provinsi)</source>
      <translation>Program Internet Desa (APBD Provinsi)</translation>
    </message>
    <message>
      <source>Investment (CAPEX)</source>
      <translation>Investasi (CAPEX)</translation>
    </message>
    <message>
      <source>Operation (OPEX)</source>
      <translation>Operasional (OPEX)</translation>
    </message>
    <message>
      <source>3T villages only</source>
      <translation>Hanya desa 3T</translation>
    </message>
    <message>
      <source>20×20 m plot confirmed</source>
      <translation>Lahan 20×20 m terkonfirmasi</translation>
    </message>
    <message>
      <source>Desa only (not kelurahan)</source>
      <translation>Hanya desa (bukan kelurahan)</translation>
    </message>
    <message>
      <source>Cap per kabupaten/kota</source>
      <translation>Batas per kabupaten/kota</translation>
    </message>
    <message>
      <source>Operators' commercial money</source>
      <translation>Dana komersial operator</translation>
    </message>
    <message>
      <source>Existing tower</source>
      <translation>Menara eksisting</translation>
    </message>
    <message>
      <source>Planned site</source>
      <translation>Menara rencana</translation>
    </message>
    <message>
      <source>Partly covered</source>
      <translation>Tercakup sebagian</translation>
    </message>
    <message>
      <source>Active</source>
      <translation>Aktif</translation>
    </message>
    <message>
      <source>Disrupted</source>
      <translation>Terganggu</translation>
    </message>
    <message>
      <source>Migrated</source>
      <translation>Dimigrasi</translation>
    </message>
    <message>
      <source>Scheduled</source>
      <translation>Terjadwal</translation>
    </message>
    <message>
      <source>Internet Desa Kaltim panel</source>
      <translation>Panel Internet Desa Kaltim</translation>
    </message>
    <message>
      <source>Show or hide the Internet Desa Kaltim panel</source>
      <translation>Tampilkan atau sembunyikan panel Internet Desa Kaltim</translation>
    </message>
    <message>
      <source>Processing tools…</source>
      <translation>Alat Processing…</translation>
    </message>
    <message>
      <source>Python modules are missing or too old: {names}. Some tools are unavailable; the message log (Internet Desa Kaltim) says how to install them with the OSGeo4W installer.</source>
      <translation>Modul Python tidak ada atau terlalu lama: {names}. Beberapa alat tidak tersedia; log pesan (Internet Desa Kaltim) menjelaskan cara memasangnya dengan penginstal OSGeo4W.</translation>
    </message>
    <message>
      <source>DEM (for hilltops and elevations)</source>
      <translation>DEM (untuk puncak bukit dan elevasi)</translation>
    </message>
    <message>
      <source>Existing towers (co-location)</source>
      <translation>Menara eksisting (kolokasi)</translation>
    </message>
    <message>
      <source>Hilltops</source>
      <translation>Puncak bukit</translation>
    </message>
    <message>
      <source>They get no elevation, and hilltops only where their search radius reaches the DEM.</source>
      <translation>Desa-desa itu tidak mendapat ketinggian, dan puncak bukit hanya dicari di bagian DEM yang terjangkau radius pencariannya.</translation>
    </message>
    <message>
      <source>Search radius for hilltops around a village (m)</source>
      <translation>Radius pencarian puncak bukit di sekitar desa (m)</translation>
    </message>
    <message>
      <source>Minimum hilltop prominence (m)</source>
      <translation>Prominensi minimum puncak bukit (m)</translation>
    </message>
    <message>
      <source>Hilltop neighbourhood (m)</source>
      <translation>Lingkungan puncak bukit (m)</translation>
    </message>
    <message>
      <source>Hilltops per village (at most)</source>
      <translation>Puncak bukit per desa (paling banyak)</translation>
    </message>
    <message>
      <source>Towers for co-location: within this distance of an uncovered village (km)</source>
      <translation>Menara untuk kolokasi: dalam jarak ini dari desa yang belum tercakup (km)</translation>
    </message>
    <message>
      <source>Height of a new tower (m)</source>
      <translation>Tinggi menara baru (m)</translation>
    </message>
    <message>
      <source>No status field: every village is treated as not covered. Run 'Classify villages' first to restrict candidates to blank spots.</source>
      <translation>Tidak ada kolom status: semua desa dianggap belum tercakup. Jalankan 'Klasifikasi desa' lebih dulu agar kandidat hanya untuk blank spot.</translation>
    </message>
    <message>
      <source>No candidate site was found: every village is covered, or no option is switched on.</source>
      <translation>Tidak ada kandidat lokasi: semua desa sudah tercakup, atau tidak ada opsi yang diaktifkan.</translation>
    </message>
    <message>
      <source>Coverage status field (default: status)</source>
      <translation>Kolom status cakupan (bawaan: status)</translation>
    </message>
    <message>
      <source>Village code field (empty = detect)</source>
      <translation>Kolom kode desa (kosong = deteksi otomatis)</translation>
    </message>
    <message>
      <source>Candidates</source>
      <translation>Kandidat</translation>
    </message>
    <message>
      <source>Office candidates</source>
      <translation>Kandidat kantor desa</translation>
    </message>
    <message>
      <source>Hilltop candidates</source>
      <translation>Kandidat puncak bukit</translation>
    </message>
    <message>
      <source>Co-location candidates</source>
      <translation>Kandidat kolokasi</translation>
    </message>
    <message>
      <source>Candidates are computed in {crs}.</source>
      <translation>Kandidat dihitung dalam {crs}.</translation>
    </message>
    <message>
      <source>Hilltops need a DEM; none given, so no hilltop candidates.</source>
      <translation>Puncak bukit memerlukan DEM; tidak ada DEM, jadi tidak ada kandidat puncak bukit.</translation>
    </message>
    <message>
      <source>Candidates: {o} offices, {h} hilltops, {c} existing towers.</source>
      <translation>Kandidat: {o} kantor desa, {h} puncak bukit, {c} menara eksisting.</translation>
    </message>
    <message>
      <source>{k} of {n} villages are not covered (field {f}).</source>
      <translation>{k} dari {n} desa belum tercakup (kolom {f}).</translation>
    </message>
    <message>
      <source>Village layer (polygons or office points)</source>
      <translation>Layer desa (poligon atau titik kantor desa)</translation>
    </message>
    <message>
      <source>DEM to check overlap with</source>
      <translation>DEM untuk memeriksa tampalan</translation>
    </message>
    <message>
      <source>Validation report (HTML)</source>
      <translation>Laporan validasi (HTML)</translation>
    </message>
    <message>
      <source>HTML files (*.html)</source>
      <translation>Berkas HTML (*.html)</translation>
    </message>
    <message>
      <source>Village code field</source>
      <translation>Kolom kode desa</translation>
    </message>
    <message>
      <source>Village name field</source>
      <translation>Kolom nama desa</translation>
    </message>
    <message>
      <source>Population field</source>
      <translation>Kolom jumlah penduduk</translation>
    </message>
    <message>
      <source>Valid (no errors)</source>
      <translation>Valid (tanpa kesalahan)</translation>
    </message>
    <message>
      <source>Errors</source>
      <translation>Kesalahan</translation>
    </message>
    <message>
      <source>Warnings</source>
      <translation>Peringatan</translation>
    </message>
    <message>
      <source>Features</source>
      <translation>Fitur</translation>
    </message>
    <message>
      <source>Code field used</source>
      <translation>Kolom kode yang dipakai</translation>
    </message>
    <message>
      <source>Name field used</source>
      <translation>Kolom nama yang dipakai</translation>
    </message>
    <message>
      <source>Population field used</source>
      <translation>Kolom penduduk yang dipakai</translation>
    </message>
    <message>
      <source>Naming scheme</source>
      <translation>Skema penamaan</translation>
    </message>
    <message>
      <source>Detected scheme '{scheme}': code={code}, name={name}, population={pop}</source>
      <translation>Skema terdeteksi '{scheme}': kode={code}, nama={name}, penduduk={pop}</translation>
    </message>
    <message>
      <source>Cannot read the village layer: {src}. Check the path and format.</source>
      <translation>Layer desa tidak dapat dibaca: {src}. Periksa lokasi dan format berkasnya.</translation>
    </message>
    <message>
      <source>{param}: the village layer {name} has no field '{field}' (fields: {fields}). Choose one of its fields, or leave {param} empty to detect it.</source>
      <translation>{param}: layer desa {name} tidak memiliki field '{field}' (field: {fields}). Pilih salah satu field-nya, atau kosongkan {param} agar dideteksi otomatis.</translation>
    </message>
    <message>
      <source>Detect (negative values = signal in dBm, else line-of-sight count)</source>
      <translation>Deteksi (nilai negatif = sinyal dalam dBm, selain itu jumlah garis pandang)</translation>
    </message>
    <message>
      <source>Line-of-sight count</source>
      <translation>Jumlah garis pandang</translation>
    </message>
    <message>
      <source>Coverage raster (dBm or line-of-sight count)</source>
      <translation>Raster cakupan (dBm atau jumlah garis pandang)</translation>
    </message>
    <message>
      <source>Coverage raster values</source>
      <translation>Nilai raster cakupan</translation>
    </message>
    <message>
      <source>Coverage threshold, dBm (empty = the coverage raster's setting)</source>
      <translation>Ambang cakupan, dBm (kosong = pengaturan raster cakupan)</translation>
    </message>
    <message>
      <source>Fibre nodes (points)</source>
      <translation>Simpul serat optik (titik)</translation>
    </message>
    <message>
      <source>Longest new fibre run (km)</source>
      <translation>Jalur serat optik baru terpanjang (km)</translation>
    </message>
    <message>
      <source>Subscribe to a fibre service within this distance of a fibre node (km)</source>
      <translation>Berlangganan layanan serat optik dalam jarak ini dari simpul serat optik (km)</translation>
    </message>
    <message>
      <source>Detour factor of a new fibre run (route length / straight distance)</source>
      <translation>Faktor belokan jalur serat optik baru (panjang rute / jarak lurus)</translation>
    </message>
    <message>
      <source>Signal a 4G FWA router needs at the office, dBm (empty = the coverage threshold)</source>
      <translation>Sinyal yang diperlukan router 4G FWA di kantor desa, dBm (kosong = ambang cakupan)</translation>
    </message>
    <message>
      <source>Existing towers (connected points, operator)</source>
      <translation>Menara eksisting (titik terhubung, operator)</translation>
    </message>
    <message>
      <source>DEM for radio line of sight</source>
      <translation>DEM untuk garis pandang radio</translation>
    </message>
    <message>
      <source>Tower height when unknown (m)</source>
      <translation>Tinggi menara bila tidak diketahui (m)</translation>
    </message>
    <message>
      <source>New BTS sites already selected (e.g. optimizesites' OUTPUT_SITES)</source>
      <translation>Lokasi BTS baru yang sudah dipilih (mis. OUTPUT_SITES dari optimizesites)</translation>
    </message>
    <message>
      <source>Radius a selected new BTS serves (m)</source>
      <translation>Radius layanan BTS baru terpilih (m)</translation>
    </message>
    <message>
      <source>Village plan (technology)</source>
      <translation>Rencana desa (teknologi)</translation>
    </message>
    <message>
      <source>its distances (and so its technology) are measured from a point that may be wrong</source>
      <translation>jaraknya (dan karena itu teknologinya) diukur dari titik yang bisa keliru</translation>
    </message>
    <message>
      <source>No coverage raster and no office_dbm or status field: no office counts as covered, so 4G FWA is never chosen.</source>
      <translation>Tidak ada raster cakupan dan tidak ada kolom office_dbm atau status: tidak ada kantor yang dianggap tercakup, jadi 4G FWA tidak pernah dipilih.</translation>
    </message>
    <message>
      <source>No radio link is tested for them.</source>
      <translation>Tautan radio tidak diuji untuk desa-desa itu.</translation>
    </message>
    <message>
      <source>Longest radio link (km)</source>
      <translation>Radio link terpanjang (km)</translation>
    </message>
    <message>
      <source>Radio antenna height at the village office (m)</source>
      <translation>Tinggi antena radio di kantor desa (m)</translation>
    </message>
    <message>
      <source>Planning horizon (years)</source>
      <translation>Horizon perencanaan (tahun)</translation>
    </message>
    <message>
      <source>Minimum uncovered villages for a new BTS</source>
      <translation>Jumlah minimum desa tanpa sinyal untuk BTS baru</translation>
    </message>
    <message>
      <source>BTS cluster radius (km)</source>
      <translation>Radius klaster BTS (km)</translation>
    </message>
    <message>
      <source>Co-location: uncovered offices within this distance of an existing tower (km; 0 = off)</source>
      <translation>Kolokasi: kantor desa tanpa sinyal dalam jarak ini dari menara eksisting (km; 0 = nonaktif)</translation>
    </message>
    <message>
      <source>New BTS come only from the selected sites (NEW_SITES): no other BTS cluster is formed.</source>
      <translation>BTS baru hanya berasal dari lokasi terpilih (NEW_SITES): tidak dibentuk klaster BTS lain.</translation>
    </message>
    <message>
      <source>Cost table: defaults (sources in the user guide).</source>
      <translation>Tabel biaya: bawaan (sumber di panduan pengguna).</translation>
    </message>
    <message>
      <source>The layer of selected new BTS sites is empty; no village gets a new BTS.</source>
      <translation>Layer lokasi BTS baru terpilih kosong; tidak ada desa yang mendapat BTS baru.</translation>
    </message>
    <message>
      <source>Coverage status field, used without a raster (default: status)</source>
      <translation>Kolom status cakupan, dipakai tanpa raster (bawaan: status)</translation>
    </message>
    <message>
      <source>Field flagging villages without PLN mains power (1/ya = no power: solar + battery is added)</source>
      <translation>Kolom penanda desa tanpa listrik PLN (1/ya = tanpa listrik: ditambah surya + baterai)</translation>
    </message>
    <message>
      <source>Villages per technology</source>
      <translation>Desa per teknologi</translation>
    </message>
    <message>
      <source>CAPEX total (Rp)</source>
      <translation>Total CAPEX (Rp)</translation>
    </message>
    <message>
      <source>OPEX total per year (Rp)</source>
      <translation>Total OPEX per tahun (Rp)</translation>
    </message>
    <message>
      <source>Distances are computed in {crs}.</source>
      <translation>Jarak dihitung dalam {crs}.</translation>
    </message>
    <message>
      <source>feature {fid} ({code})</source>
      <translation>fitur {fid} ({code})</translation>
    </message>
    <message>
      <source>{k} villages have no geometry (or one that cannot be placed), so they can only get satellite: {names}. Digitise them or delete the stray rows ('Check village layer' lists them).</source>
      <translation>{k} desa tidak memiliki geometri (atau geometrinya tidak dapat ditempatkan), sehingga hanya bisa mendapat satelit: {names}. Digitasi desa-desa itu atau hapus baris yang nyasar ('Periksa layer desa' mendaftarnya).</translation>
    </message>
    <message>
      <source>Cost table: {n} rows from {path}</source>
      <translation>Tabel biaya: {n} baris dari {path}</translation>
    </message>
    <message>
      <source>Fibre: {k} offices within {d} km of one of {m} fibre nodes.</source>
      <translation>Serat optik: {k} kantor desa dalam {d} km dari salah satu dari {m} simpul serat optik.</translation>
    </message>
    <message>
      <source>Radio links need a DEM for the line of sight; without a DEM radio is not considered.</source>
      <translation>Radio link memerlukan DEM untuk garis pandang; tanpa DEM radio tidak dipertimbangkan.</translation>
    </message>
    <message>
      <source>Co-location: {k} offices share 4G equipment on {t} existing towers (cost row {key}).</source>
      <translation>Kolokasi: {k} kantor desa berbagi perangkat 4G pada {t} menara eksisting (baris biaya {key}).</translation>
    </message>
    <message>
      <source>Villages per technology: {s}. CAPEX {c}; OPEX {o} per year ({h}-year horizon).</source>
      <translation>Desa per teknologi: {s}. CAPEX {c}; OPEX {o} per tahun (horizon {h} tahun).</translation>
    </message>
    <message>
      <source>Connected by the programme ({tech}, {provider}): the service continues at {fee} a year.</source>
      <translation>Tersambung oleh program ({tech}, {provider}): layanan berlanjut dengan biaya {fee} per tahun.</translation>
    </message>
    <message>
      <source>Programme: {k} villages are already connected; they keep their service (OPEX continues) and the plan connects the other {m}.</source>
      <translation>Program: {k} desa sudah tersambung; layanannya berlanjut (OPEX tetap berjalan) dan rencana menyambungkan {m} desa lainnya.</translation>
    </message>
    <message>
      <source>Power: {k} offices without PLN mains get solar + battery.</source>
      <translation>Listrik: {k} kantor desa tanpa listrik PLN mendapat surya + baterai.</translation>
    </message>
    <message>
      <source>Radio: {k} offices have line of sight to an existing tower within {d} km ({m} towers computed on the DEM).</source>
      <translation>Radio: {k} kantor desa memiliki garis pandang ke menara eksisting dalam {d} km ({m} menara dihitung pada DEM).</translation>
    </message>
    <message>
      <source>4G FWA needs {t} dBm at the office (FWA_THRESHOLD_DBM).</source>
      <translation>4G FWA memerlukan {t} dBm di kantor desa (FWA_THRESHOLD_DBM).</translation>
    </message>
    <message>
      <source>Coverage: from 'Classify villages' ({f}): 4G FWA where the village is covered or its office signal is ≥ {t} dBm: {k} of {n} villages.</source>
      <translation>Cakupan: dari 'Klasifikasi desa' ({f}): 4G FWA bila desa tercakup atau sinyal di kantornya ≥ {t} dBm: {k} dari {n} desa.</translation>
    </message>
    <message>
      <source>Coverage: field {f} ≥ {t} dBm: {k} of {n} offices.</source>
      <translation>Cakupan: kolom {f} ≥ {t} dBm: {k} dari {n} kantor desa.</translation>
    </message>
    <message>
      <source>Coverage: field {f} = covered: {k} of {n} villages.</source>
      <translation>Cakupan: kolom {f} = covered: {k} dari {n} desa.</translation>
    </message>
    <message>
      <source>technology not reported</source>
      <translation>teknologi tidak dilaporkan</translation>
    </message>
    <message>
      <source>provider not reported</source>
      <translation>penyedia tidak dilaporkan</translation>
    </message>
    <message>
      <source>NO_PLN_FIELD: the village layer has no field '{field}' (fields: {fields}). Choose an existing field or leave NO_PLN_FIELD empty.</source>
      <translation>NO_PLN_FIELD: layer desa tidak memiliki field '{field}' (field yang ada: {fields}). Pilih field yang ada atau kosongkan NO_PLN_FIELD.</translation>
    </message>
    <message>
      <source>NO_PLN_FIELD: {n} value(s) of the field '{field}' are neither yes nor no, so it is not known whether these offices have PLN mains power: {values}. Write {yes} for an office without PLN power (solar + battery is added) and {no}, or an empty cell, for one with it; or choose the field that says it.</source>
      <translation>NO_PLN_FIELD: {n} nilai pada field '{field}' bukan ya dan bukan tidak, sehingga tidak diketahui apakah kantor desa tersebut memiliki listrik PLN: {values}. Tulis {yes} untuk kantor tanpa listrik PLN (panel surya + baterai ditambahkan) dan {no}, atau sel kosong, untuk kantor yang memilikinya; atau pilih field yang menyatakannya.</translation>
    </message>
    <message>
      <source>No PLN power: solar + battery added ({c}).</source>
      <translation>Tanpa listrik PLN: ditambah surya + baterai ({c}).</translation>
    </message>
    <message>
      <source>New BTS: the site optimisation's assignment is kept ({v} villages on {s} sites).</source>
      <translation>BTS baru: penugasan hasil optimasi lokasi dipertahankan ({v} desa pada {s} lokasi).</translation>
    </message>
    <message>
      <source>New BTS: {v} uncovered villages within {r} m of {s} selected sites get a new BTS.</source>
      <translation>BTS baru: {v} desa yang belum tercakup dalam radius {r} m dari {s} lokasi terpilih mendapat BTS baru.</translation>
    </message>
    <message>
      <source>Served by new BTS {site} chosen by the site optimisation; cost shared by {k} villages.</source>
      <translation>Dilayani BTS baru {site} hasil optimasi lokasi; biaya dibagi oleh {k} desa.</translation>
    </message>
    <message>
      <source>Selected site {site} serves no village of this layer: its cost ({c}) is not in the plan. Run optimizesites again or remove the site.</source>
      <translation>Lokasi terpilih {site} tidak melayani desa mana pun pada layer ini: biayanya ({c}) tidak masuk rencana. Jalankan lagi optimizesites atau hapus lokasi itu.</translation>
    </message>
    <message>
      <source>Villages per technology: {t}</source>
      <translation>Desa per teknologi: {t}</translation>
    </message>
    <message>
      <source>Cannot choose the technology: {error}</source>
      <translation>Tidak dapat memilih teknologi: {error}</translation>
    </message>
    <message>
      <source>The cost table has no row '{key}'; the default is used.</source>
      <translation>Tabel biaya tidak memiliki baris '{key}'; nilai bawaan dipakai.</translation>
    </message>
    <message>
      <source>Cannot open the coverage raster {src}.</source>
      <translation>Tidak dapat membuka raster cakupan {src}.</translation>
    </message>
    <message>
      <source>Coverage: office signal from the raster, covered when ≥ {t} dBm: {k} of {n} offices.</source>
      <translation>Cakupan: sinyal kantor dari raster, tercakup bila ≥ {t} dBm: {k} dari {n} kantor desa.</translation>
    </message>
    <message>
      <source>Coverage: line-of-sight count from the raster, covered when ≥ 1: {k} of {n} offices.</source>
      <translation>Cakupan: jumlah garis pandang dari raster, tercakup bila ≥ 1: {k} dari {n} kantor desa.</translation>
    </message>
    <message>
      <source>{n} site ids of the village layer are not among the selected sites: {ids}. Use optimizesites' two outputs of the same run.</source>
      <translation>{n} id lokasi pada layer desa tidak termasuk lokasi terpilih: {ids}. Gunakan kedua keluaran optimizesites dari proses yang sama.</translation>
    </message>
    <message>
      <source>signal (type unknown)</source>
      <translation>ada sinyal (jenis tidak diketahui)</translation>
    </message>
    <message>
      <source>no signal</source>
      <translation>tidak ada sinyal</translation>
    </message>
    <message>
      <source>total</source>
      <translation>jumlah</translation>
    </message>
    <message>
      <source>Villages (polygons or points)</source>
      <translation>Desa (poligon atau titik)</translation>
    </message>
    <message>
      <source>Coverage raster (dBm or line of sight)</source>
      <translation>Raster cakupan (dBm atau garis pandang)</translation>
    </message>
    <message>
      <source>Signal threshold, dBm (empty = the coverage raster's setting)</source>
      <translation>Ambang sinyal, dBm (kosong = pengaturan raster cakupan)</translation>
    </message>
    <message>
      <source>Share of the village for 'covered' (0-1)</source>
      <translation>Bagian wilayah desa untuk 'tercakup' (0-1)</translation>
    </message>
    <message>
      <source>Share of the village for 'partial' (0-1)</source>
      <translation>Bagian wilayah desa untuk 'sebagian' (0-1)</translation>
    </message>
    <message>
      <source>Village offices (points, optional)</source>
      <translation>Kantor desa (titik, opsional)</translation>
    </message>
    <message>
      <source>Coverage raster holds</source>
      <translation>Isi raster cakupan</translation>
    </message>
    <message>
      <source>its share of covered cells may be wrong</source>
      <translation>porsi sel tercakupnya bisa keliru</translation>
    </message>
    <message>
      <source>Confusion table (rows: model status, columns: reported signal):</source>
      <translation>Tabel konfusi (baris: status model, kolom: sinyal yang dilaporkan):</translation>
    </message>
    <message>
      <source>Automatic (from the raster)</source>
      <translation>Otomatis (dari raster)</translation>
    </message>
    <message>
      <source>Signal in dBm</source>
      <translation>Sinyal dalam dBm</translation>
    </message>
    <message>
      <source>Number of sites in line of sight</source>
      <translation>Jumlah site dalam garis pandang</translation>
    </message>
    <message>
      <source>The coverage raster holds line-of-sight counts: a cell is covered when at least one site is visible; THRESHOLD_DBM is not used.</source>
      <translation>Raster cakupan berisi jumlah site dalam garis pandang: sel tercakup jika minimal satu site terlihat; THRESHOLD_DBM tidak dipakai.</translation>
    </message>
    <message>
      <source>The coverage raster must be a file (GeoTIFF) read by GDAL.</source>
      <translation>Raster cakupan harus berupa file (GeoTIFF) yang dibaca GDAL.</translation>
    </message>
    <message>
      <source>The coverage raster has no CRS: set it in its layer properties.</source>
      <translation>Raster cakupan tidak memiliki CRS: atur di properti layer.</translation>
    </message>
    <message>
      <source>The village layer has no CRS: set it in its layer properties.</source>
      <translation>Layer desa tidak memiliki CRS: atur di properti layer.</translation>
    </message>
    <message>
      <source>The village layer holds no features.</source>
      <translation>Layer desa tidak berisi fitur.</translation>
    </message>
    <message>
      <source>The villages have no usable geometry.</source>
      <translation>Desa-desa tidak memiliki geometri yang dapat dipakai.</translation>
    </message>
    <message>
      <source>Village code field (auto-detected if empty)</source>
      <translation>Kolom kode desa (dideteksi otomatis jika kosong)</translation>
    </message>
    <message>
      <source>Office village code field (auto-detected if empty)</source>
      <translation>Kolom kode desa pada kantor (dideteksi otomatis jika kosong)</translation>
    </message>
    <message>
      <source>Population field (auto-detected if empty)</source>
      <translation>Kolom penduduk (dideteksi otomatis jika kosong)</translation>
    </message>
    <message>
      <source>Reported signal field (e.g. Podes R705D, optional)</source>
      <translation>Kolom sinyal yang dilaporkan (mis. Podes R705D, opsional)</translation>
    </message>
    <message>
      <source>Covered villages</source>
      <translation>Desa tercakup</translation>
    </message>
    <message>
      <source>Partially covered villages</source>
      <translation>Desa tercakup sebagian</translation>
    </message>
    <message>
      <source>Population covered (est.)</source>
      <translation>Penduduk tercakup (perkiraan)</translation>
    </message>
    <message>
      <source>Confusion table model x reported (JSON)</source>
      <translation>Tabel konfusi model x laporan (JSON)</translation>
    </message>
    <message>
      <source>Agreement counts (JSON)</source>
      <translation>Jumlah kesesuaian (JSON)</translation>
    </message>
    <message>
      <source>Coverage raster kind used</source>
      <translation>Jenis raster cakupan yang dipakai</translation>
    </message>
    <message>
      <source>Village fields: code={code}, population={pop}, reported={rep}</source>
      <translation>Kolom desa: kode={code}, penduduk={pop}, laporan={rep}</translation>
    </message>
    <message>
      <source>{cov} covered, {par} partial, {blank} blank spot ({n} villages); population covered (est.) {pop}.</source>
      <translation>{cov} tercakup, {par} sebagian, {blank} blank spot ({n} desa); penduduk tercakup (perkiraan) {pop}.</translation>
    </message>
    <message>
      <source>Agreement: {a} agree, {m} model more optimistic, {less} model less optimistic.</source>
      <translation>Kesesuaian: {a} sesuai, {m} model lebih optimis, {less} model kurang optimis.</translation>
    </message>
    <message>
      <source>The coverage raster holds signal in dBm; threshold {t} dBm.</source>
      <translation>Raster cakupan berisi sinyal dalam dBm; ambang {t} dBm.</translation>
    </message>
    <message>
      <source>Cannot read the coverage raster: {src}.</source>
      <translation>Raster cakupan tidak dapat dibaca: {src}.</translation>
    </message>
    <message>
      <source>PARTIAL_SHARE ({p}) must not be larger than COVERED_SHARE ({c}).</source>
      <translation>PARTIAL_SHARE ({p}) tidak boleh lebih besar dari COVERED_SHARE ({c}).</translation>
    </message>
    <message>
      <source>Offices are joined by village code, but no code field was found in the village layer (fields: {fields}). Set CODE_FIELD.</source>
      <translation>Kantor desa digabung berdasarkan kode desa, tetapi kolom kode tidak ditemukan di layer desa (kolom: {fields}). Atur CODE_FIELD.</translation>
    </message>
    <message>
      <source>{n} villages have no office point with their code; they are classified by their share alone.</source>
      <translation>{n} desa tidak memiliki titik kantor dengan kodenya; desa tersebut diklasifikasikan hanya dari bagian wilayahnya.</translation>
    </message>
    <message>
      <source>The villages do not overlap the coverage raster {name}: villages {v} vs raster {r} (in {crs}). Check both layers' CRS, or use the coverage raster computed for these villages.</source>
      <translation>Desa-desa tidak bertampalan dengan raster cakupan {name}: desa {v} vs raster {r} (dalam {crs}). Periksa CRS kedua layer, atau gunakan raster cakupan yang dihitung untuk desa-desa ini.</translation>
    </message>
    <message>
      <source>{n} villages have no geometry, so they are counted as blank spot: {names}. Digitise them or delete the stray rows ('Check village layer' lists them), then classify again.</source>
      <translation>{n} desa tidak memiliki geometri, sehingga dihitung sebagai blank spot: {names}. Digitasi desa-desa itu atau hapus baris yang nyasar ('Periksa layer desa' mendaftarnya), lalu klasifikasikan lagi.</translation>
    </message>
    <message>
      <source>{n} villages lie mostly on DEM nodata (holes or outside the DEM {dem} the coverage was computed on): their signal is not measured, so their status ({statuses}) is not measured either: {names}. Compute coverage with a DEM that covers them (fill the holes: Raster &gt; Analysis &gt; Fill nodata), then classify again; until then do not plan them from this status.</source>
      <translation>{n} desa sebagian besar berada di nodata DEM (lubang, atau di luar DEM {dem} yang dipakai menghitung cakupan): sinyalnya tidak terukur, jadi statusnya ({statuses}) juga tidak terukur: {names}. Hitung cakupan dengan DEM yang mencakup desa-desa itu (isi lubangnya: Raster &gt; Analisis &gt; Isi nodata), lalu klasifikasikan lagi; sebelum itu jangan merencanakan desa-desa itu berdasarkan status ini.</translation>
    </message>
    <message>
      <source>{n} villages are more than half nodata in the coverage raster {raster}: {names}. Nodata is either beyond the range of every site (no signal) or a hole in the DEM (signal not measured); the raster does not say which DEM it was computed on, so their status is uncertain (see nodata_share). If the DEM has holes there, compute coverage with a DEM that covers them, then classify again.</source>
      <translation>{n} desa lebih dari separuhnya nodata di raster cakupan {raster}: {names}. Nodata berarti di luar jangkauan semua site (tanpa sinyal) atau lubang di DEM (sinyal tidak terukur); raster tidak menyebut DEM yang dipakai menghitungnya, jadi statusnya tidak pasti (lihat nodata_share). Bila DEM berlubang di sana, hitung cakupan dengan DEM yang mencakup desa-desa itu, lalu klasifikasikan lagi.</translation>
    </message>
    <message>
      <source>{n} villages lie entirely outside the coverage raster (counted as not covered).</source>
      <translation>{n} desa berada sepenuhnya di luar raster cakupan (dihitung tidak tercakup).</translation>
    </message>
    <message>
      <source>Office rule: {a} villages not covered because the office has no signal; {b} villages partial instead of blank spot because the office has signal.</source>
      <translation>Aturan kantor desa: {a} desa tidak berstatus tercakup karena kantornya tanpa sinyal; {b} desa berstatus sebagian, bukan blank spot, karena kantornya bersinyal.</translation>
    </message>
    <message>
      <source>Village classification failed: {error}</source>
      <translation>Klasifikasi desa gagal: {error}</translation>
    </message>
    <message>
      <source>{n} villages are more than half nodata in the coverage raster where the DEM has elevations: they are beyond the range of every site (no signal).</source>
      <translation>{n} desa lebih dari separuhnya nodata di raster cakupan pada bagian yang DEM-nya memiliki ketinggian: desa-desa itu di luar jangkauan semua site (tanpa sinyal).</translation>
    </message>
    <message>
      <source>{param}'s {column} sums to Rp {table}, but the villages of {plan} were given Rp {villages} of it: the two are not from the same roadmap run. Give that run's OUTPUT_TABLE (the table written with these villages).</source>
      <translation>{column} pada {param} berjumlah Rp {table}, tetapi desa-desa {plan} diberi Rp {villages}: keduanya bukan dari jalannya peta jalan yang sama. Berikan OUTPUT_TABLE dari jalannya itu (tabel yang ditulis bersama desa-desa ini).</translation>
    </message>
    <message>
      <source>Name of scenario A</source>
      <translation>Nama skenario A</translation>
    </message>
    <message>
      <source>Name of scenario B</source>
      <translation>Nama skenario B</translation>
    </message>
    <message>
      <source>Scenario comparison</source>
      <translation>Perbandingan skenario</translation>
    </message>
    <message>
      <source>Roadmap villages, scenario A</source>
      <translation>Desa roadmap, skenario A</translation>
    </message>
    <message>
      <source>Roadmap villages, scenario B</source>
      <translation>Desa roadmap, skenario B</translation>
    </message>
    <message>
      <source>Budget by year and source, scenario A</source>
      <translation>Anggaran per tahun dan sumber, skenario A</translation>
    </message>
    <message>
      <source>Budget by year and source, scenario B</source>
      <translation>Anggaran per tahun dan sumber, skenario B</translation>
    </message>
    <message>
      <source>{param} is not a roadmap's budget table ({what}): give the OUTPUT_TABLE of the 'Build multi-year roadmap' run whose villages are {plan}, or leave {param} empty.</source>
      <translation>{param} bukan tabel anggaran roadmap ({what}): berikan OUTPUT_TABLE dari proses 'Susun roadmap multi-tahun' yang desanya adalah {plan}, atau kosongkan {param}.</translation>
    </message>
    <message>
      <source>{param} covers the years {first}–{last}, but the villages of {plan} start service in {years}: the two are not from the same roadmap run. Give that run's OUTPUT_TABLE.</source>
      <translation>{param} mencakup tahun {first}–{last}, tetapi desa-desa {plan} mulai layanan pada {years}: keduanya bukan dari proses roadmap yang sama. Berikan OUTPUT_TABLE dari proses tersebut.</translation>
    </message>
    <message>
      <source>Villages scheduled, A</source>
      <translation>Desa terjadwal, A</translation>
    </message>
    <message>
      <source>Villages scheduled, B</source>
      <translation>Desa terjadwal, B</translation>
    </message>
    <message>
      <source>Villages unfunded, A</source>
      <translation>Desa belum terdanai, A</translation>
    </message>
    <message>
      <source>Villages unfunded, B</source>
      <translation>Desa belum terdanai, B</translation>
    </message>
    <message>
      <source>{a}: {sa} villages scheduled, {ua} unfunded, {ca} over capacity. {b}: {sb} scheduled, {ub} unfunded, {cb} over capacity.</source>
      <translation>{a}: {sa} desa terjadwal, {ua} belum terdanai, {ca} melebihi kapasitas. {b}: {sb} terjadwal, {ub} belum terdanai, {cb} melebihi kapasitas.</translation>
    </message>
    <message>
      <source>it has no rows with a year</source>
      <translation>tidak ada baris yang berisi tahun</translation>
    </message>
    <message>
      <source>{param} is not a roadmap's village output (it has no fund_status field): give the OUTPUT of 'Build multi-year roadmap'.</source>
      <translation>{param} bukan keluaran desa dari roadmap (tidak ada kolom fund_status): berikan OUTPUT dari 'Susun roadmap multi-tahun'.</translation>
    </message>
    <message>
      <source>no field {fields}</source>
      <translation>tidak ada kolom {fields}</translation>
    </message>
    <message>
      <source>Ray kernels: numpy (numba is not installed; the same result, computed more slowly). For faster coverage install numba: on Debian/Ubuntu apt install python3-numba; in the OSGeo4W Shell python -m pip install numba.</source>
      <translation>Kernel sinar: numpy (numba tidak terpasang; hasilnya sama, dihitung lebih lambat). Agar cakupan lebih cepat pasang numba: di Debian/Ubuntu apt install python3-numba; di OSGeo4W Shell python -m pip install numba.</translation>
    </message>
    <message>
      <source>Effective earth radius factor k</source>
      <translation>Faktor jari-jari bumi efektif k</translation>
    </message>
    <message>
      <source>Clutter table: land-cover class -&gt; clutter height and distance (CSV)</source>
      <translation>Tabel clutter: kelas tutupan lahan -&gt; tinggi dan jarak clutter (CSV)</translation>
    </message>
    <message>
      <source>Ray kernels: compiled (numba).</source>
      <translation>Kernel sinar: terkompilasi (numba).</translation>
    </message>
    <message>
      <source>Ray kernels: numpy (KALTIM_NUMBA=0).</source>
      <translation>Kernel sinar: numpy (KALTIM_NUMBA=0).</translation>
    </message>
    <message>
      <source>Coverage canceled: no output was written.</source>
      <translation>Perhitungan cakupan dibatalkan: tidak ada keluaran yang ditulis.</translation>
    </message>
    <message>
      <source>The land cover '{name}' adds no clutter: of the {total:,} cells, {nd:,} are outside it or nodata and the others have values ({values} ...) that are not classes of the clutter table {table}. Every cell keeps the flat margin of {db:g} dB and the output says 'flat margin'. Give a land cover that covers the DEM and whose classes the table lists.</source>
      <translation>Tutupan lahan '{name}' tidak menambahkan clutter: dari {total:,} sel, {nd:,} berada di luarnya atau nodata dan sisanya bernilai ({values} ...) yang bukan kelas tabel clutter {table}. Setiap sel memakai margin datar {db:g} dB dan keluaran mencatat 'flat margin'. Berikan tutupan lahan yang mencakup DEM dan kelasnya tercantum dalam tabel.</translation>
    </message>
    <message>
      <source>Sites (tower points)</source>
      <translation>Site (titik menara)</translation>
    </message>
    <message>
      <source>DEM (elevation in metres)</source>
      <translation>DEM (ketinggian dalam meter)</translation>
    </message>
    <message>
      <source>Propagation model</source>
      <translation>Model propagasi</translation>
    </message>
    <message>
      <source>Receiver height above ground (m)</source>
      <translation>Tinggi penerima di atas tanah (m)</translation>
    </message>
    <message>
      <source>Coverage threshold (dBm)</source>
      <translation>Ambang cakupan (dBm)</translation>
    </message>
    <message>
      <source>Maximum radius around each site (m)</source>
      <translation>Radius maksimum di sekitar setiap site (m)</translation>
    </message>
    <message>
      <source>Clutter / foliage margin (dB)</source>
      <translation>Margin clutter / vegetasi (dB)</translation>
    </message>
    <message>
      <source>Land cover (optional: clutter per cell instead of the flat margin)</source>
      <translation>Tutupan lahan (opsional: clutter per sel sebagai ganti margin tetap)</translation>
    </message>
    <message>
      <source>Serving site index</source>
      <translation>Indeks site yang melayani</translation>
    </message>
    <message>
      <source>Serving site index -&gt; site id (JSON)</source>
      <translation>Indeks site yang melayani -&gt; ID site (JSON)</translation>
    </message>
    <message>
      <source>Sites computed</source>
      <translation>Site yang dihitung</translation>
    </message>
    <message>
      <source>Sites skipped (outside the DEM)</source>
      <translation>Site yang dilewati (di luar DEM)</translation>
    </message>
    <message>
      <source>Share of DEM nodata within range</source>
      <translation>Porsi nodata DEM dalam jangkauan</translation>
    </message>
    <message>
      <source>Sites with default parameters</source>
      <translation>Site dengan parameter bawaan</translation>
    </message>
    <message>
      <source>Model used</source>
      <translation>Model yang dipakai</translation>
    </message>
    <message>
      <source>Clutter used (flat margin or land cover)</source>
      <translation>Clutter yang dipakai (margin tetap atau tutupan lahan)</translation>
    </message>
    <message>
      <source>DEM used (reprojected if it was in degrees)</source>
      <translation>DEM yang dipakai (diproyeksikan ulang bila dalam derajat)</translation>
    </message>
    <message>
      <source>No usable site: every feature of the site layer lacks a point geometry (or could not be transformed to the DEM's CRS).</source>
      <translation>Tidak ada site yang dapat dipakai: setiap fitur layer site tidak memiliki geometri titik (atau tidak dapat ditransformasikan ke CRS DEM).</translation>
    </message>
    <message>
      <source>Longley-Rice ITM computes one terrain profile per receiver in Python: {r} receivers a site here, about {s} s a site and {m} min for the {n} site(s) (measured on a 2-core machine; P.526 takes a few hundredths of a second a site). Cancel stops it between two rays; to compare the models on a few sites, select them and tick 'Selected features only', or use the signal probe.</source>
      <translation>Longley-Rice ITM menghitung satu profil medan per penerima dalam Python: {r} penerima per menara di sini, sekitar {s} detik per menara dan {m} menit untuk {n} menara (diukur pada mesin 2 inti; P.526 hanya perlu beberapa perseratus detik per menara). Batal menghentikannya di antara dua sinar; untuk membandingkan model pada beberapa menara, pilih menara-menara itu dan centang 'Selected features only' (hanya fitur terpilih), atau gunakan probe sinyal.</translation>
    </message>
    <message>
      <source>Installing numba makes it about 50 times faster: on Debian/Ubuntu apt install python3-numba; in the OSGeo4W Shell python -m pip install numba.</source>
      <translation>Memasang numba membuatnya sekitar 50 kali lebih cepat: di Debian/Ubuntu apt install python3-numba; di OSGeo4W Shell python -m pip install numba.</translation>
    </message>
    <message>
      <source>The site layer is empty: add at least one tower point (e.g. with 'Import sites') before computing coverage.</source>
      <translation>Layer site kosong: tambahkan minimal satu titik menara (misalnya dengan 'Impor site') sebelum menghitung cakupan.</translation>
    </message>
    <message>
      <source>The land cover '{name}' adds no clutter: it does not overlap the DEM (all {total:,} cells are outside it or nodata). Every cell keeps the flat margin of {db:g} dB and the output says 'flat margin'. Give a land cover that covers the DEM's area.</source>
      <translation>Tutupan lahan '{name}' tidak menambahkan clutter: tidak bertampalan dengan DEM (seluruh {total:,} sel berada di luarnya atau nodata). Setiap sel memakai margin datar {db:g} dB dan keluaran mencatat 'flat margin'. Berikan tutupan lahan yang mencakup wilayah DEM.</translation>
    </message>
    <message>
      <source>The land cover '{name}' adds no clutter: none of its values ({values} ...) is a class of the clutter table {table}. Every cell keeps the flat margin of {db:g} dB and the output says 'flat margin'. Give the land-cover raster the table is for (e.g. ESA WorldCover, not the DEM), or add its classes to the table.</source>
      <translation>Tutupan lahan '{name}' tidak menambahkan clutter: tidak satu pun nilainya ({values} ...) merupakan kelas tabel clutter {table}. Setiap sel memakai margin datar {db:g} dB dan keluaran mencatat 'flat margin'. Berikan raster tutupan lahan yang sesuai dengan tabel (mis. ESA WorldCover, bukan DEM), atau tambahkan kelasnya ke tabel.</translation>
    </message>
    <message>
      <source>The DEM '{name}' is in geographic degrees, so distances would be wrong: it was reprojected to {crs} ({desc}) into '{path}'. The coverage is computed on that grid.</source>
      <translation>DEM '{name}' dalam derajat geografis sehingga jarak akan salah: DEM diproyeksikan ulang ke {crs} ({desc}) menjadi '{path}'. Cakupan dihitung pada grid tersebut.</translation>
    </message>
    <message>
      <source>Model {model}, resolution {res}, radius {r:.0f} m, receiver {h:g} m, k = {k:g}, threshold {t:g} dBm; {n} site(s) on the DEM grid {x} x {y} cells.</source>
      <translation>Model {model}, resolusi {res}, radius {r:.0f} m, penerima {h:g} m, k = {k:g}, ambang {t:g} dBm; {n} site pada grid DEM {x} x {y} sel.</translation>
    </message>
    <message>
      <source>{n} of {total} site(s) stand on a DEM nodata cell of '{dem}' (coordinates in {crs}): {sites}{more}. Their ground elevation is unknown (the lowest DEM cell within range is used instead), so their coverage is not reliable, and the villages around them may look like blank spots. Fill the DEM's holes (Raster &gt; Analysis &gt; Fill nodata) or use a DEM that covers these sites, and check their coordinates; then run coverage again.</source>
      <translation>{n} dari {total} site berdiri di sel nodata DEM '{dem}' (koordinat dalam {crs}): {sites}{more}. Ketinggian tanahnya tidak diketahui (sel DEM terendah dalam jangkauan dipakai sebagai gantinya), jadi cakupannya tidak dapat diandalkan, dan desa-desa di sekitarnya bisa tampak sebagai blank spot. Isi lubang DEM (Raster &gt; Analisis &gt; Isi nodata) atau pakai DEM yang mencakup site-site ini, dan periksa koordinatnya; lalu jalankan cakupan lagi.</translation>
    </message>
    <message>
      <source>Longley-Rice ITM (compiled by numba) computes one terrain profile per receiver: {r} receivers a site here, about {s} s a site and {m} min for the {n} site(s) on {t} thread(s) (measured on a 2-core machine; P.526 takes a few hundredths of a second a site). Cancel stops it between two rays.</source>
      <translation>Longley-Rice ITM (dikompilasi oleh numba) menghitung satu profil medan per penerima: {r} penerima per menara di sini, sekitar {s} detik per menara dan {m} menit untuk {n} menara pada {t} thread (diukur pada mesin 2 inti; P.526 hanya perlu beberapa perseratus detik per menara). Batal menghentikannya di antara dua sinar.</translation>
    </message>
    <message>
      <source>Ray kernels: numpy (numba could not compile them: {error}; the same result, computed more slowly).</source>
      <translation>Kernel sinar: numpy (numba tidak dapat mengompilasinya: {error}; hasilnya sama, dihitung lebih lambat).</translation>
    </message>
    <message>
      <source>Ray kernels: ITM in Python (numba could not compile it: {error}; the same result, computed more slowly).</source>
      <translation>Kernel sinar: ITM dalam Python (numba tidak dapat mengompilasinya: {error}; hasilnya sama, dihitung lebih lambat).</translation>
    </message>
    <message>
      <source>Clutter from the land cover '{name}' (table {table}, {n} classes; ITU-R P.452-17 §4.5 at the receiver height {h:g} m), resampled (nearest) to the DEM grid.</source>
      <translation>Clutter dari tutupan lahan '{name}' (tabel {table}, {n} kelas; ITU-R P.452-17 §4.5 pada tinggi penerima {h:g} m), di-resample (nearest) ke grid DEM.</translation>
    </message>
    <message>
      <source>{n} site(s) computed in {s:.1f} s.</source>
      <translation>{n} site dihitung dalam {s:.1f} detik.</translation>
    </message>
    <message>
      <source>The land cover '{name}' does not hold land-cover classes ({why}): is it a DEM? Give a classified land cover (e.g. ESA WorldCover: 10 tree cover, 40 cropland, 50 built-up, 80 water) whose classes are in the clutter table.</source>
      <translation>Tutupan lahan '{name}' tidak berisi kelas tutupan lahan ({why}): apakah itu DEM? Berikan tutupan lahan yang terklasifikasi (mis. ESA WorldCover: 10 tutupan pohon, 40 lahan pertanian, 50 permukiman, 80 air) yang kelasnya ada di tabel clutter.</translation>
    </message>
    <message>
      <source>Cannot read the DEM: {src}. Check the path and format.</source>
      <translation>DEM tidak dapat dibaca: {src}. Periksa lokasi berkas dan formatnya.</translation>
    </message>
    <message>
      <source>The DEM '{name}' is not a GDAL raster file (provider {p}); save it as a GeoTIFF first.</source>
      <translation>DEM '{name}' bukan berkas raster GDAL (provider {p}); simpan dulu sebagai GeoTIFF.</translation>
    </message>
    <message>
      <source>The DEM '{name}' has no CRS, so the sites cannot be placed on it: set its CRS (Layer Properties &gt; Source, e.g. EPSG:32750 for UTM 50S) or use a DEM file that declares it.</source>
      <translation>DEM '{name}' tidak memiliki CRS, sehingga menara tidak dapat ditempatkan di atasnya: atur CRS-nya (Properti Layer &gt; Sumber, mis. EPSG:32750 untuk UTM 50S) atau pakai berkas DEM yang menyatakannya.</translation>
    </message>
    <message>
      <source>The maximum radius must be greater than 0 m (got {r:g} m). Typical values: 10000-30000 m for rural 4G.</source>
      <translation>Radius maksimum harus lebih dari 0 m (nilai yang diberikan {r:g} m). Nilai tipikal: 10000-30000 m untuk 4G pedesaan.</translation>
    </message>
    <message>
      <source>The k-factor must be greater than 0 (got {k:g}); use 1.3333 (4/3) for the standard atmosphere.</source>
      <translation>Faktor k harus lebih dari 0 (nilai yang diberikan {k:g}); gunakan 1,3333 (4/3) untuk atmosfer standar.</translation>
    </message>
    <message>
      <source>The receiver height must be 0 m or more (got {h:g} m).</source>
      <translation>Tinggi penerima harus 0 m atau lebih (nilai yang diberikan {h:g} m).</translation>
    </message>
    <message>
      <source>SITES: {n} feature(s) of the layer {name} are lines or polygons, not points: a tower is a point ({ids}). Remove them or give a point layer of towers (e.g. the output of 'Import towers / sites').</source>
      <translation>SITES: {n} fitur dari layer {name} berupa garis atau poligon, bukan titik: menara adalah titik ({ids}). Hapus fitur tersebut atau berikan layer titik menara (mis. keluaran 'Impor menara / site').</translation>
    </message>
    <message>
      <source>{n} site(s) without a point geometry were ignored: {ids}</source>
      <translation>{n} site tanpa geometri titik diabaikan: {ids}</translation>
    </message>
    <message>
      <source>{n} site(s) could not be transformed to the DEM's CRS and were ignored: {ids}</source>
      <translation>{n} site tidak dapat ditransformasikan ke CRS DEM dan diabaikan: {ids}</translation>
    </message>
    <message>
      <source>Output is 4G RSRP: received power per resource element, {db:.1f} dB below the total received power.</source>
      <translation>Keluaran berupa RSRP 4G: daya terima per resource element, {db:.1f} dB di bawah total daya terima.</translation>
    </message>
    <message>
      <source>A clutter / foliage margin of {db:g} dB is added to every path loss.</source>
      <translation>Margin clutter / vegetasi {db:g} dB ditambahkan pada setiap redaman lintasan.</translation>
    </message>
    <message>
      <source>{n} of {total} site(s) lacked height_m, freq_mhz or eirp_dbm and used the defaults of their tech (4G when tech is missing).</source>
      <translation>{n} dari {total} site tidak memiliki height_m, freq_mhz atau eirp_dbm dan memakai nilai bawaan teknologinya (4G bila teknologi tidak ada).</translation>
    </message>
    <message>
      <source>All {total} site(s) have their own height, frequency and EIRP.</source>
      <translation>Semua {total} site memiliki tinggi, frekuensi dan EIRP sendiri.</translation>
    </message>
    <message>
      <source>The radius {r:,.0f} m is larger than the DEM ({d:,.0f} m corner to corner): {d:,.0f} m is used.</source>
      <translation>Radius {r:,.0f} m lebih besar daripada DEM ({d:,.0f} m dari sudut ke sudut): dipakai {d:,.0f} m.</translation>
    </message>
    <message>
      <source>All {n} site(s) are outside the DEM '{dem}' (extent {extent} in {crs}): {ids}. Check that the site layer's CRS is set correctly ({src_crs}) and that the DEM covers the sites.</source>
      <translation>Semua {n} site berada di luar DEM '{dem}' (cakupan wilayah {extent} dalam {crs}): {ids}. Periksa apakah CRS layer site sudah benar ({src_crs}) dan apakah DEM mencakup site tersebut.</translation>
    </message>
    <message>
      <source>{n} site(s) outside the DEM were skipped (check their coordinates/CRS or use a larger DEM): {ids}</source>
      <translation>{n} site di luar DEM dilewati (periksa koordinat/CRS-nya atau gunakan DEM yang lebih luas): {ids}</translation>
    </message>
    <message>
      <source>{n:,} of {total:,} cells have no land-cover class ({nd:,} nodata or outside the land cover, {unk:,} with a class missing from the table): they keep the flat margin of {db:g} dB.</source>
      <translation>{n:,} dari {total:,} sel tidak memiliki kelas tutupan lahan ({nd:,} nodata atau di luar tutupan lahan, {unk:,} dengan kelas yang tidak ada di tabel): sel tersebut tetap memakai margin tetap {db:g} dB.</translation>
    </message>
    <message>
      <source>Cannot read the site layer: {src}.</source>
      <translation>Layer site tidak dapat dibaca: {src}.</translation>
    </message>
    <message>
      <source>The DEM has no elevation (only nodata) within {r:.0f} m of any site, so no coverage can be computed. Check the DEM.</source>
      <translation>DEM tidak memiliki ketinggian (hanya nodata) dalam radius {r:.0f} m dari site mana pun, sehingga cakupan tidak dapat dihitung. Periksa DEM.</translation>
    </message>
    <message>
      <source>{p:.1%} of the cells within range of a site are DEM nodata (holes): they are nodata in the output, not 'no signal'.</source>
      <translation>{p:.1%} sel dalam jangkauan site adalah nodata DEM (lubang): sel tersebut menjadi nodata di keluaran, bukan 'tidak ada sinyal'.</translation>
    </message>
    <message>
      <source>Coverage (line of sight)</source>
      <translation>Cakupan (garis pandang)</translation>
    </message>
    <message>
      <source>Coverage (dBm)</source>
      <translation>Cakupan (dBm)</translation>
    </message>
    <message>
      <source>Cannot reproject the DEM '{name}' from degrees to metres: {why}</source>
      <translation>DEM '{name}' tidak dapat diproyeksikan ulang dari derajat ke meter: {why}</translation>
    </message>
    <message>
      <source>Coverage failed: {why}</source>
      <translation>Perhitungan cakupan gagal: {why}</translation>
    </message>
    <message>
      <source>no CRS</source>
      <translation>tanpa CRS</translation>
    </message>
    <message>
      <source>The DEM '{name}' is not in metres (its CRS uses other linear units): reproject it to a metric CRS such as EPSG:32750 (UTM 50S) first.</source>
      <translation>DEM '{name}' tidak dalam meter (CRS-nya memakai satuan panjang lain): proyeksikan ulang dulu ke CRS metrik seperti EPSG:32750 (UTM 50S).</translation>
    </message>
    <message>
      <source>The DEM '{name}' is rotated or flipped (not a north-up grid): warp it (Raster &gt; Projections &gt; Warp) first.</source>
      <translation>DEM '{name}' terputar atau terbalik (bukan grid menghadap utara): lakukan warp dulu (Raster &gt; Proyeksi &gt; Warp).</translation>
    </message>
    <message>
      <source>decimal values such as {v:g}</source>
      <translation>nilai desimal seperti {v:g}</translation>
    </message>
    <message>
      <source>{n} different values</source>
      <translation>{n} nilai yang berbeda</translation>
    </message>
    <message>
      <source>Plan GeoPackage (created if missing)</source>
      <translation>GeoPackage rencana (dibuat bila belum ada)</translation>
    </message>
    <message>
      <source>Layer name</source>
      <translation>Nama layer</translation>
    </message>
    <message>
      <source>Overwrite an existing layer of that name</source>
      <translation>Timpa layer yang sudah ada dengan nama tersebut</translation>
    </message>
    <message>
      <source>Coordinate reference system</source>
      <translation>Sistem referensi koordinat</translation>
    </message>
    <message>
      <source>Give the GeoPackage file for the planned sites (e.g. plan.gpkg).</source>
      <translation>Tentukan berkas GeoPackage untuk menara rencana (mis. plan.gpkg).</translation>
    </message>
    <message>
      <source>The layer name is empty; give one, e.g. planned_sites.</source>
      <translation>Nama layer kosong; isi misalnya planned_sites.</translation>
    </message>
    <message>
      <source>Created the planned-sites layer '{name}' in {path} ({crs}).</source>
      <translation>Layer menara rencana '{name}' dibuat di {path} ({crs}).</translation>
    </message>
    <message>
      <source>{path} is not a GeoPackage: use a file name ending in .gpkg.</source>
      <translation>{path} bukan GeoPackage: gunakan nama berkas berakhiran .gpkg.</translation>
    </message>
    <message>
      <source>CRS = {crs} is not a coordinate reference system QGIS knows. Give one such as {default} (UTM 50S, metres), or leave CRS empty for it.</source>
      <translation>CRS = {crs} bukan sistem referensi koordinat yang dikenal QGIS. Berikan misalnya {default} (UTM 50S, meter), atau kosongkan CRS untuk memakainya.</translation>
    </message>
    <message>
      <source>TRAINING_TABLE: batch {batch} of kecamatan {kec} in {year} trains village {code}, {why}: the training table is not from the roadmap run of VILLAGES. Give that run's OUTPUT_TRAINING (the table written with these villages), or leave TRAINING_TABLE empty.</source>
      <translation>TRAINING_TABLE: angkatan {batch} kecamatan {kec} tahun {year} melatih desa {code}, {why}: tabel pelatihan ini bukan dari jalannya peta jalan VILLAGES. Berikan OUTPUT_TRAINING dari jalannya itu (tabel yang ditulis bersama desa-desa ini), atau kosongkan TRAINING_TABLE.</translation>
    </message>
    <message>
      <source>TRAINING_TABLE: batch {batch} of kecamatan {kec} in {year} {what}. Give the roadmap's OUTPUT_TRAINING as it was written, or correct the row so that its village_trainees (e.g. 64.01.01.2001:2;64.01.01.2002:1/2) add up to its trainees.</source>
      <translation>TRAINING_TABLE: angkatan {batch} kecamatan {kec} tahun {year} {what}. Berikan OUTPUT_TRAINING peta jalan sebagaimana ditulis, atau perbaiki baris itu agar village_trainees-nya (mis. 64.01.01.2001:2;64.01.01.2002:1/2) berjumlah sama dengan pesertanya.</translation>
    </message>
    <message>
      <source>Plan villages layer</source>
      <translation>Layer desa rencana</translation>
    </message>
    <message>
      <source>Existing sites</source>
      <translation>Menara eksisting</translation>
    </message>
    <message>
      <source>Kab/kota polygons (atlas pages; default: villages dissolved by kab/kota)</source>
      <translation>Poligon kab/kota (halaman atlas; bawaan: desa digabung per kab/kota)</translation>
    </message>
    <message>
      <source>Other input data of the plan (DEM, land cover, fibre points, programme table, population table): what of it is synthetic, illustrative or estimated, and its date, is printed in the sources line</source>
      <translation>Data masukan lain dari rencana (DEM, tutupan lahan, titik fiber, tabel program, tabel penduduk): bagian mana yang sintetis, ilustratif atau perkiraan, beserta tanggalnya, dicetak di baris sumber</translation>
    </message>
    <message>
      <source>Layout template folder (default: the plugin's templates)</source>
      <translation>Folder templat tata letak (bawaan: templat plugin)</translation>
    </message>
    <message>
      <source>Title</source>
      <translation>Judul</translation>
    </message>
    <message>
      <source>Output folder</source>
      <translation>Folder keluaran</translation>
    </message>
    <message>
      <source>has {trainees} trainees, but its village_trainees '{value}' counts {counted}</source>
      <translation>memiliki {trainees} peserta, tetapi village_trainees-nya '{value}' berjumlah {counted}</translation>
    </message>
    <message>
      <source>has village_trainees '{value}', which is not the roadmap's 'code:n' (or 'code:n/m') per village</source>
      <translation>memiliki village_trainees '{value}', yang bukan format peta jalan 'kode:n' (atau 'kode:n/m') per desa</translation>
    </message>
    <message>
      <source>Roadmap table (year x source)</source>
      <translation>Tabel peta jalan (tahun x sumber dana)</translation>
    </message>
    <message>
      <source>Training plan table</source>
      <translation>Tabel rencana pelatihan</translation>
    </message>
    <message>
      <source>Operator packages table</source>
      <translation>Tabel paket operator</translation>
    </message>
    <message>
      <source>Tower sharing table</source>
      <translation>Tabel berbagi menara</translation>
    </message>
    <message>
      <source>Budget curve of the new sites (optimizesites OUTPUT_CURVE): a chart and table page of the roadmap report</source>
      <translation>Kurva anggaran lokasi baru (OUTPUT_CURVE dari optimizesites): halaman grafik dan tabel di laporan peta jalan</translation>
    </message>
    <message>
      <source>OUTPUT_FOLDER = {path}: only {free} MB free on that disk, and an export of the plan writes up to about {need} MB. Free space on that disk or choose another folder.</source>
      <translation>OUTPUT_FOLDER = {path}: hanya {free} MB ruang kosong di disk itu, sedangkan ekspor rencana menulis hingga sekitar {need} MB. Kosongkan ruang di disk itu atau pilih folder lain.</translation>
    </message>
    <message>
      <source>which VILLAGES does not have</source>
      <translation>yang tidak ada di VILLAGES</translation>
    </message>
    <message>
      <source>which VILLAGES does not schedule (fund_status {status})</source>
      <translation>yang tidak dijadwalkan di VILLAGES (fund_status {status})</translation>
    </message>
    <message>
      <source>whose service starts in {service} in VILLAGES (a village is trained in that year or the year before)</source>
      <translation>yang layanannya dimulai pada {service} di VILLAGES (desa dilatih pada tahun itu atau setahun sebelumnya)</translation>
    </message>
    <message>
      <source>Kab/kota field of the villages (default: kode_kab or nama_kab)</source>
      <translation>Kolom kab/kota pada desa (bawaan: kode_kab atau nama_kab)</translation>
    </message>
    <message>
      <source>Deployment plan PDF (overview + atlas)</source>
      <translation>PDF rencana pembangunan (ikhtisar + atlas)</translation>
    </message>
    <message>
      <source>Kab/kota atlas PDF</source>
      <translation>PDF atlas kab/kota</translation>
    </message>
    <message>
      <source>Province overview PDF</source>
      <translation>PDF ikhtisar provinsi</translation>
    </message>
    <message>
      <source>Roadmap report PDF</source>
      <translation>PDF laporan peta jalan</translation>
    </message>
    <message>
      <source>Roadmap workbook (XLSX)</source>
      <translation>Buku kerja peta jalan (XLSX)</translation>
    </message>
    <message>
      <source>CSV copies</source>
      <translation>Salinan CSV</translation>
    </message>
    <message>
      <source>Plan QGIS project</source>
      <translation>Proyek QGIS rencana</translation>
    </message>
    <message>
      <source>Atlas pages</source>
      <translation>Halaman atlas</translation>
    </message>
    <message>
      <source>Deployment plan pages</source>
      <translation>Halaman rencana pembangunan</translation>
    </message>
    <message>
      <source>Deployment plan written to {folder} in {seconds:.1f} s ({pages} atlas pages).</source>
      <translation>Rencana pembangunan ditulis ke {folder} dalam {seconds:.1f} dtk ({pages} halaman atlas).</translation>
    </message>
    <message>
      <source>Export cancelled.</source>
      <translation>Ekspor dibatalkan.</translation>
    </message>
    <message>
      <source>Cannot read the plan villages layer: {src}. Check the path and format.</source>
      <translation>Layer desa rencana tidak dapat dibaca: {src}. Periksa path dan formatnya.</translation>
    </message>
    <message>
      <source>The plan villages layer '{name}' has no features. Run the roadmap first, or remove the layer's filter.</source>
      <translation>Layer desa rencana '{name}' tidak memiliki fitur. Jalankan peta jalan terlebih dahulu, atau hapus filter layernya.</translation>
    </message>
    <message>
      <source>No kab/kota field found in '{name}' (looked for kode_kab, nama_kab). Choose it in KAB_FIELD.</source>
      <translation>Kolom kab/kota tidak ditemukan di '{name}' (dicari kode_kab, nama_kab). Pilih kolomnya di KAB_FIELD.</translation>
    </message>
    <message>
      <source>'{name}' is not a roadmap's village output: it has no field {fields}. Give the OUTPUT of 'Build multi-year roadmap' as VILLAGES.</source>
      <translation>'{name}' bukan keluaran desa dari roadmap: tidak ada kolom {fields}. Berikan OUTPUT dari 'Susun roadmap multi-tahun' sebagai VILLAGES.</translation>
    </message>
    <message>
      <source>BUDGET_CURVE '{name}' has no field(s) {fields}, so no budget curve page could be printed. Give the budget curve table written by 'Optimise sites' (OUTPUT_CURVE), or leave BUDGET_CURVE empty.</source>
      <translation>BUDGET_CURVE '{name}' tidak memiliki kolom {fields}, sehingga halaman kurva anggaran tidak dapat dicetak. Berikan tabel kurva anggaran yang ditulis oleh 'Optimalkan lokasi' (OUTPUT_CURVE), atau kosongkan BUDGET_CURVE.</translation>
    </message>
    <message>
      <source>TEMPLATE_FOLDER = {folder} is not a folder: give the folder that holds the layout templates (a copy of the plugin's resources/layouts), or leave it empty to use the plugin's templates.</source>
      <translation>TEMPLATE_FOLDER = {folder} bukan folder: berikan folder yang berisi templat tata letak (salinan resources/layouts plugin), atau kosongkan untuk memakai templat plugin.</translation>
    </message>
    <message>
      <source>{step}: {seconds:.1f} s</source>
      <translation>{step}: {seconds:.1f} dtk</translation>
    </message>
    <message>
      <source>The layout template {name} is missing from {folder}. Copy it from the plugin's resources/layouts folder, or leave TEMPLATE_FOLDER empty to use the plugin's templates.</source>
      <translation>Templat tata letak {name} tidak ada di {folder}. Salin dari folder resources/layouts milik plugin, atau kosongkan TEMPLATE_FOLDER untuk memakai templat plugin.</translation>
    </message>
    <message>
      <source>The layout template {name} in {folder} cannot be used: {detail}. Restore it from the plugin's resources/layouts folder.</source>
      <translation>Templat tata letak {name} di {folder} tidak dapat dipakai: {detail}. Pulihkan dari folder resources/layouts milik plugin.</translation>
    </message>
    <message>
      <source>Export step '{step}' failed: {error}</source>
      <translation>Langkah ekspor '{step}' gagal: {error}</translation>
    </message>
    <message>
      <source>Copied {tables} tables ({rows} rows) from schema '{schema}' to {path}; checksums match.</source>
      <translation>{tables} tabel ({rows} baris) disalin dari skema '{schema}' ke {path}; checksum cocok.</translation>
    </message>
    <message>
      <source>Service report (CSV or XLSX)</source>
      <translation>Laporan layanan (CSV atau XLSX)</translation>
    </message>
    <message>
      <source>Village layer (known village codes)</source>
      <translation>Layer desa (kode desa yang dikenal)</translation>
    </message>
    <message>
      <source>Site layer (known site codes)</source>
      <translation>Layer site (kode site yang dikenal)</translation>
    </message>
    <message>
      <source>Provider (when the file has no provider column)</source>
      <translation>Penyedia (bila berkas tidak memiliki kolom penyedia)</translation>
    </message>
    <message>
      <source>Month of the report (YYYY-MM; for rows without a period, e.g. a monthly report with its month only in the title)</source>
      <translation>Bulan laporan (YYYY-MM; untuk baris tanpa periode, mis. laporan bulanan yang bulannya hanya ada di judul)</translation>
    </message>
    <message>
      <source>Rejected rows (CSV)</source>
      <translation>Baris yang ditolak (CSV)</translation>
    </message>
    <message>
      <source>Choose the plan GeoPackage to import into.</source>
      <translation>Pilih GeoPackage rencana tujuan impor.</translation>
    </message>
    <message>
      <source>PLAN_DB = {path} holds a table '{table}' that this tool did not write (it has no column {columns}): this tool keeps its monitoring records in tables named {names} and would write into yours. Rename your table '{table}' (or move it to another file), or choose another plan GeoPackage. Nothing was changed.</source>
      <translation>PLAN_DB = {path} berisi tabel '{table}' yang tidak ditulis oleh alat ini (tabel itu tidak memiliki kolom {columns}): alat ini menyimpan catatan pemantauannya dalam tabel bernama {names} dan akan menulis ke tabel Anda. Ganti nama tabel '{table}' Anda (atau pindahkan ke berkas lain), atau pilih GeoPackage rencana lain. Tidak ada yang diubah.</translation>
    </message>
    <message>
      <source>Import cancelled; nothing was written.</source>
      <translation>Impor dibatalkan; tidak ada yang ditulis.</translation>
    </message>
    <message>
      <source>{n} rows name sites, but no site layer was given (SITES): every site code is unknown. Choose the site layer and import the file again.</source>
      <translation>{n} baris menyebut site, tetapi layer site tidak diberikan (SITES): semua kode site tidak dikenal. Pilih layer site lalu impor berkas ini lagi.</translation>
    </message>
    <message>
      <source>{n} rows name villages, but no village layer was given (VILLAGES): every village code is unknown. Choose the village layer and import the file again.</source>
      <translation>{n} baris menyebut desa, tetapi layer desa tidak diberikan (VILLAGES): semua kode desa tidak dikenal. Pilih layer desa lalu impor berkas ini lagi.</translation>
    </message>
    <message>
      <source>Layer '{layer}' has no code field (looked for {fields}). Choose the code field.</source>
      <translation>Layer '{layer}' tidak memiliki kolom kode (dicari: {fields}). Pilih kolom kodenya.</translation>
    </message>
    <message>
      <source>Site code field</source>
      <translation>Kolom kode site</translation>
    </message>
    <message>
      <source>Rows read</source>
      <translation>Baris dibaca</translation>
    </message>
    <message>
      <source>Rows imported</source>
      <translation>Baris diimpor</translation>
    </message>
    <message>
      <source>Rows rejected</source>
      <translation>Baris yang ditolak</translation>
    </message>
    <message>
      <source>Duplicate rows</source>
      <translation>Baris duplikat</translation>
    </message>
    <message>
      <source>Conflicting rows</source>
      <translation>Baris konflik</translation>
    </message>
    <message>
      <source>Rows replacing earlier values</source>
      <translation>Baris yang menggantikan nilai sebelumnya</translation>
    </message>
    <message>
      <source>Outages imported</source>
      <translation>Gangguan diimpor</translation>
    </message>
    <message>
      <source>Import id</source>
      <translation>ID impor</translation>
    </message>
    <message>
      <source>Reading {path}</source>
      <translation>Membaca {path}</translation>
    </message>
    <message>
      <source>Read {read}, imported {imp}, rejected {rej} (of which {conf} conflicts), duplicates {dup}, outages {out}.</source>
      <translation>Dibaca {read}, diimpor {imp}, ditolak {rej} (termasuk {conf} konflik), duplikat {dup}, gangguan {out}.</translation>
    </message>
    <message>
      <source>Report file not found: {path}. Choose an existing CSV or XLSX file.</source>
      <translation>Berkas laporan tidak ditemukan: {path}. Pilih berkas CSV atau XLSX yang ada.</translation>
    </message>
    <message>
      <source>{path} is not a CSV or XLSX file. Save the report as CSV or XLSX.</source>
      <translation>{path} bukan berkas CSV atau XLSX. Simpan laporan sebagai CSV atau XLSX.</translation>
    </message>
    <message>
      <source>Plan GeoPackage not found: {path}.</source>
      <translation>GeoPackage rencana tidak ditemukan: {path}.</translation>
    </message>
    <message>
      <source>Row {row}: {text}</source>
      <translation>Baris {row}: {text}</translation>
    </message>
    <message>
      <source>{n} row(s) differ from reports imported before and were not imported (the earlier values are kept; see the rejected rows). If this file corrects them, run the import again with 'The file corrects reports imported before' ticked.</source>
      <translation>{n} baris berbeda dari laporan yang sudah diimpor dan tidak diimpor (nilai sebelumnya dipertahankan; lihat baris yang ditolak). Jika berkas ini mengoreksinya, jalankan impor lagi dengan 'Berkas ini mengoreksi laporan yang sudah diimpor' dicentang.</translation>
    </message>
    <message>
      <source>Row {row} rejected: {reason}</source>
      <translation>Baris {row} ditolak: {reason}</translation>
    </message>
    <message>
      <source>{path} has a header row but no data rows: nothing was imported. Export the report again with its rows.</source>
      <translation>{path} hanya berisi baris judul kolom tanpa baris data: tidak ada yang diimpor. Ekspor ulang laporan beserta barisnya.</translation>
    </message>
    <message>
      <source>Warning: {text}</source>
      <translation>Peringatan: {text}</translation>
    </message>
    <message>
      <source>{n} known site/village codes.</source>
      <translation>{n} kode site/desa dikenal.</translation>
    </message>
    <message>
      <source>Cannot read {path}: {error}. Check that it is a CSV (UTF-8) or XLSX file with a header row.</source>
      <translation>{path} tidak dapat dibaca: {error}. Pastikan berkas CSV (UTF-8) atau XLSX dengan baris judul kolom.</translation>
    </message>
    <message>
      <source>Import failed and was rolled back; the plan GeoPackage is unchanged: {error}</source>
      <translation>Impor gagal dan dibatalkan seluruhnya; GeoPackage rencana tidak berubah: {error}</translation>
    </message>
    <message>
      <source>PERIOD = {value} is not a month. Write it as YYYY-MM, e.g. 2026-11 (or Nov 2026), or leave it empty.</source>
      <translation>PERIOD = {value} bukan bulan. Tulis sebagai YYYY-MM, mis. 2026-11 (atau Nov 2026), atau biarkan kosong.</translation>
    </message>
    <message>
      <source>Programme status table (CSV or XLSX)</source>
      <translation>Tabel status program (CSV atau XLSX)</translation>
    </message>
    <message>
      <source>Tables (*.csv *.xlsx *.txt)</source>
      <translation>Tabel (*.csv *.xlsx *.txt)</translation>
    </message>
    <message>
      <source>Status date (yyyy-mm-dd; empty = today)</source>
      <translation>Tanggal status (yyyy-mm-dd; kosong = hari ini)</translation>
    </message>
    <message>
      <source>Programme scope</source>
      <translation>Cakupan program</translation>
    </message>
    <message>
      <source>Villages with programme status</source>
      <translation>Desa dengan status program</translation>
    </message>
    <message>
      <source>Report of the rows that do not fit (CSV)</source>
      <translation>Laporan baris yang tidak sesuai (CSV)</translation>
    </message>
    <message>
      <source>Desa only (kelurahan by their kab/kota)</source>
      <translation>Desa saja (kelurahan oleh kab/kotanya)</translation>
    </message>
    <message>
      <source>Every village</source>
      <translation>Semua desa/kelurahan</translation>
    </message>
    <message>
      <source>The village layer has no features. Choose a layer with villages.</source>
      <translation>Layer desa tidak memiliki fitur. Pilih layer yang berisi desa.</translation>
    </message>
    <message>
      <source>Villages matched</source>
      <translation>Desa yang cocok</translation>
    </message>
    <message>
      <source>Villages connected</source>
      <translation>Desa tersambung</translation>
    </message>
    <message>
      <source>Rows matching no village</source>
      <translation>Baris yang tidak cocok dengan desa mana pun</translation>
    </message>
    <message>
      <source>Rows repeating a village</source>
      <translation>Baris yang mengulang desa</translation>
    </message>
    <message>
      <source>Contracts ended (renewal due)</source>
      <translation>Kontrak berakhir (perpanjangan jatuh tempo)</translation>
    </message>
    <message>
      <source>Villages on satellite (migration candidates)</source>
      <translation>Desa dengan satelit (kandidat migrasi)</translation>
    </message>
    <message>
      <source>Programme status: {m} of {n} rows matched ({byname} by name and kecamatan); {c} villages connected, {s} on satellite; {r} contracts ended before {d}.</source>
      <translation>Status program: {m} dari {n} baris cocok ({byname} menurut nama dan kecamatan); {c} desa tersambung, {s} dengan satelit; {r} kontrak berakhir sebelum {d}.</translation>
    </message>
    <message>
      <source>{file}, row {row}: {what}</source>
      <translation>{file}, baris {row}: {what}</translation>
    </message>
    <message>
      <source>AS_OF {value} is in the future: the status date is the day the list was true (today or earlier).</source>
      <translation>AS_OF {value} ada di masa depan: tanggal status adalah hari ketika daftar itu benar (hari ini atau sebelumnya).</translation>
    </message>
    <message>
      <source>The programme status table {path} does not exist. Choose a CSV or XLSX file.</source>
      <translation>Tabel status program {path} tidak ada. Pilih berkas CSV atau XLSX.</translation>
    </message>
    <message>
      <source>No village code field was found in the village layer (fields: {fields}). Set CODE_FIELD.</source>
      <translation>Kolom kode desa tidak ditemukan pada layer desa (kolom: {fields}). Atur CODE_FIELD.</translation>
    </message>
    <message>
      <source>None of the {n} rows of {path} is a village of the layer's kab/kota ({kabs}): every row is a village of another kab/kota of the province, so no village of the layer is connected by the programme. Use a table that lists them if some are.</source>
      <translation>Tidak satu pun dari {n} baris {path} adalah desa di kab/kota lapisan ({kabs}): setiap baris adalah desa kab/kota lain di provinsi, jadi tidak ada desa lapisan yang tersambung oleh program. Pakai tabel yang memuatnya bila ada yang tersambung.</translation>
    </message>
    <message>
      <source>AS_OF '{value}' is not a date: write it as yyyy-mm-dd, e.g. 2026-01-31.</source>
      <translation>AS_OF '{value}' bukan tanggal: tulis sebagai yyyy-mm-dd, mis. 2026-01-31.</translation>
    </message>
    <message>
      <source>Cannot read the programme status table {path}: {error}</source>
      <translation>Tabel status program {path} tidak dapat dibaca: {error}</translation>
    </message>
    <message>
      <source>None of the {n} rows of {path} matches a village of the layer (by code, or by name and kecamatan). Check that the table is for these villages and that its code column holds Kemendagri codes such as 64.02.01.2001.</source>
      <translation>Tidak satu pun dari {n} baris {path} cocok dengan desa pada layer (menurut kode, atau nama dan kecamatan). Periksa bahwa tabel itu untuk desa-desa ini dan kolom kodenya berisi kode Kemendagri seperti 64.02.01.2001.</translation>
    </message>
    <message>
      <source>… and {n} more problems: see the report {path}.</source>
      <translation>… dan {n} masalah lain: lihat laporan {path}.</translation>
    </message>
    <message>
      <source>… and {n} more problems: choose a file for the report of the rows that do not fit (OUTPUT_REPORT) to see them all.</source>
      <translation>… dan {n} masalah lain: pilih berkas untuk laporan baris yang tidak sesuai (OUTPUT_REPORT) agar semuanya terlihat.</translation>
    </message>
    <message>
      <source>Site id field (optional override)</source>
      <translation>Kolom ID site (opsional, menggantikan deteksi otomatis)</translation>
    </message>
    <message>
      <source>Operator field (optional override)</source>
      <translation>Kolom operator (opsional, menggantikan deteksi otomatis)</translation>
    </message>
    <message>
      <source>Technology field (optional override)</source>
      <translation>Kolom teknologi (opsional, menggantikan deteksi otomatis)</translation>
    </message>
    <message>
      <source>Antenna height field, m (optional override)</source>
      <translation>Kolom tinggi antena, m (opsional, menggantikan deteksi otomatis)</translation>
    </message>
    <message>
      <source>Frequency field, MHz (optional override)</source>
      <translation>Kolom frekuensi, MHz (opsional, menggantikan deteksi otomatis)</translation>
    </message>
    <message>
      <source>EIRP field, dBm (optional override)</source>
      <translation>Kolom EIRP, dBm (opsional, menggantikan deteksi otomatis)</translation>
    </message>
    <message>
      <source>Status field (optional override)</source>
      <translation>Kolom status (opsional, menggantikan deteksi otomatis)</translation>
    </message>
    <message>
      <source>Village code field (optional override)</source>
      <translation>Kolom kode desa (opsional, menggantikan deteksi otomatis)</translation>
    </message>
    <message>
      <source>Longitude field (CSV only, optional override)</source>
      <translation>Kolom bujur (hanya CSV, opsional)</translation>
    </message>
    <message>
      <source>Latitude field (CSV only, optional override)</source>
      <translation>Kolom lintang (hanya CSV, opsional)</translation>
    </message>
    <message>
      <source>Sites: CSV file, point layer file or project layer</source>
      <translation>Site: file CSV, file layer titik atau layer proyek</translation>
    </message>
    <message>
      <source>Tower/site data (*.csv *.txt *.tsv *.xlsx *.gpkg *.shp *.geojson);;All files (*.*)</source>
      <translation>Data menara/site (*.csv *.txt *.tsv *.xlsx *.gpkg *.shp *.geojson);;Semua file (*.*)</translation>
    </message>
    <message>
      <source>Format</source>
      <translation>Format</translation>
    </message>
    <message>
      <source>Merge OpenCelliD cells of one operator closer than (m)</source>
      <translation>Gabungkan sel OpenCelliD satu operator yang berjarak kurang dari (m)</translation>
    </message>
    <message>
      <source>OpenCelliD: skip cells outside the province without listing them (national exports)</source>
      <translation>OpenCelliD: lewati sel di luar provinsi tanpa mencantumkannya (ekspor nasional)</translation>
    </message>
    <message>
      <source>Most rows lie outside Kalimantan Timur: check the coordinate columns (lon/lat swapped?), the layer's CRS, or that the file is for this province.</source>
      <translation>Sebagian besar baris berada di luar Kalimantan Timur: periksa kolom koordinat (bujur/lintang tertukar?), CRS layer, atau apakah file ini memang untuk provinsi ini.</translation>
    </message>
    <message>
      <source>Check the columns and the FORMAT parameter.</source>
      <translation>Periksa kolom dan parameter FORMAT.</translation>
    </message>
    <message>
      <source>The input has no columns: is it empty?</source>
      <translation>Masukan tidak memiliki kolom: apakah kosong?</translation>
    </message>
    <message>
      <source>The input holds no rows: nothing to import.</source>
      <translation>Masukan tidak berisi baris: tidak ada yang diimpor.</translation>
    </message>
    <message>
      <source>Automatic</source>
      <translation>Otomatis</translation>
    </message>
    <message>
      <source>Point layer / generic table</source>
      <translation>Layer titik / tabel umum</translation>
    </message>
    <message>
      <source>OpenCelliD export</source>
      <translation>Ekspor OpenCelliD</translation>
    </message>
    <message>
      <source>Site list (BAKTI)</source>
      <translation>Daftar site (BAKTI)</translation>
    </message>
    <message>
      <source>INPUT: cannot read the sites input '{src}': give a CSV file, a point layer file (GeoPackage, Shapefile, GeoJSON) or a layer of the project.</source>
      <translation>INPUT: masukan site '{src}' tidak dapat dibaca: berikan file CSV, file layer titik (GeoPackage, Shapefile, GeoJSON) atau layer di proyek.</translation>
    </message>
    <message>
      <source>All {n} rows were rejected: {reasons}. {hint}</source>
      <translation>Semua {n} baris ditolak: {reasons}. {hint}</translation>
    </message>
    <message>
      <source>The columns were not recognised as an OpenCelliD export, a site list or a tower table (columns: {columns}). Choose FORMAT and set the field parameters (LON_FIELD, LAT_FIELD, ...).</source>
      <translation>Kolom tidak dikenali sebagai ekspor OpenCelliD, daftar site atau tabel menara (kolom: {columns}). Pilih FORMAT dan atur parameter kolom (LON_FIELD, LAT_FIELD, ...).</translation>
    </message>
    <message>
      <source>Sites imported</source>
      <translation>Site yang diimpor</translation>
    </message>
    <message>
      <source>Format used</source>
      <translation>Format yang dipakai</translation>
    </message>
    <message>
      <source>Format: {fmt}</source>
      <translation>Format: {fmt}</translation>
    </message>
    <message>
      <source>{n} sites imported from {rows} rows; {rej} rows rejected; {d} sites use per-technology defaults (see the 'defaulted' field).</source>
      <translation>{n} site diimpor dari {rows} baris; {rej} baris ditolak; {d} site memakai nilai bawaan per teknologi (lihat kolom 'defaulted').</translation>
    </message>
    <message>
      <source>No site could be imported from {n} rows. {details}</source>
      <translation>Tidak ada site yang dapat diimpor dari {n} baris. {details}</translation>
    </message>
    <message>
      <source>Reading layer {name} ({n} features, {crs})</source>
      <translation>Membaca layer {name} ({n} fitur, {crs})</translation>
    </message>
    <message>
      <source>... and {n} more rejected rows (write OUTPUT_REJECTS to see them all).</source>
      <translation>... dan {n} baris lain ditolak (tulis OUTPUT_REJECTS untuk melihat semuanya).</translation>
    </message>
    <message>
      <source>{count} row(s), e.g. {reason}</source>
      <translation>{count} baris, mis. {reason}</translation>
    </message>
    <message>
      <source>The layer {name} has no CRS: set it (Layer Properties &gt; Source) so the points can be placed.</source>
      <translation>Layer {name} tidak memiliki CRS: atur CRS-nya (Properti Layer &gt; Sumber) agar titik dapat ditempatkan.</translation>
    </message>
    <message>
      <source>The layer {name} holds {shape}, not points: a tower is a point. Use a point layer or a table with longitude and latitude columns, or make points first (Vector &gt; Geometry Tools &gt; Centroids).</source>
      <translation>Layer {name} berisi {shape}, bukan titik: menara adalah titik. Gunakan layer titik atau tabel dengan kolom bujur dan lintang, atau buat titik terlebih dahulu (Vektor &gt; Alat Geometri &gt; Centroid).</translation>
    </message>
    <message>
      <source>{param}: the input has no column '{field}'. Available columns: {columns}.</source>
      <translation>{param}: masukan tidak memiliki kolom '{field}'. Kolom yang tersedia: {columns}.</translation>
    </message>
    <message>
      <source>{param} is ignored for OpenCelliD exports (fixed columns).</source>
      <translation>{param} diabaikan untuk ekspor OpenCelliD (kolomnya tetap).</translation>
    </message>
    <message>
      <source>Cannot read {path}: {error}</source>
      <translation>Tidak dapat membaca {path}: {error}</translation>
    </message>
    <message>
      <source>Rejected: {reason}</source>
      <translation>Ditolak: {reason}</translation>
    </message>
    <message>
      <source>Rejected {what} {row}: {reason}</source>
      <translation>Ditolak, {what} {row}: {reason}</translation>
    </message>
    <message>
      <source>Candidate sites (points)</source>
      <translation>Kandidat lokasi (titik)</translation>
    </message>
    <message>
      <source>Cost of a candidate without cost (Rp)</source>
      <translation>Biaya kandidat tanpa biaya (Rp)</translation>
    </message>
    <message>
      <source>Budget (Rp)</source>
      <translation>Anggaran (Rp)</translation>
    </message>
    <message>
      <source>Coverage radius without DEM (m)</source>
      <translation>Radius cakupan tanpa DEM (m)</translation>
    </message>
    <message>
      <source>DEM (coverage by the propagation model instead of the radius)</source>
      <translation>DEM (cakupan dengan model propagasi, bukan radius)</translation>
    </message>
    <message>
      <source>Village offices (points; the office rule of classify)</source>
      <translation>Kantor desa (titik; aturan kantor pada klasifikasi)</translation>
    </message>
    <message>
      <source>Existing sites (villages they cover need nothing)</source>
      <translation>Lokasi yang ada (desa yang dijangkaunya tidak memerlukan apa pun)</translation>
    </message>
    <message>
      <source>Time limit of the exact method (s)</source>
      <translation>Batas waktu metode eksak (detik)</translation>
    </message>
    <message>
      <source>Villages with serving site</source>
      <translation>Desa dengan lokasi pelayan</translation>
    </message>
    <message>
      <source>Budget curve: other budgets to solve, Rp (e.g. 25e9; 50e9; 100e9)</source>
      <translation>Kurva anggaran: anggaran lain yang dihitung, Rp (mis. 25e9; 50e9; 100e9)</translation>
    </message>
    <message>
      <source>Budget curve (people newly covered by budget)</source>
      <translation>Kurva anggaran (penduduk tercakup baru menurut anggaran)</translation>
    </message>
    <message>
      <source>Coverage raster from 'Compute coverage' (with the DEM: a candidate covers a village when the village becomes 'covered' by classify's rule)</source>
      <translation>Raster cakupan dari 'Hitung cakupan' (dengan DEM: kandidat mencakup desa bila desa itu menjadi 'tercakup' menurut aturan klasifikasi)</translation>
    </message>
    <message>
      <source>Antenna height when the layer has none (m)</source>
      <translation>Tinggi antena bila layer tidak memilikinya (m)</translation>
    </message>
    <message>
      <source>EIRP when the layer has none (dBm)</source>
      <translation>EIRP bila layer tidak memilikinya (dBm)</translation>
    </message>
    <message>
      <source>Frequency when the layer has none (MHz)</source>
      <translation>Frekuensi bila layer tidak memilikinya (MHz)</translation>
    </message>
    <message>
      <source>No population field was found. Choose it in POPULATION_FIELD.</source>
      <translation>Kolom penduduk tidak ditemukan. Pilih kolom tersebut pada POPULATION_FIELD.</translation>
    </message>
    <message>
      <source>The village layer has no features: there is nothing to cover. Choose a layer with villages.</source>
      <translation>Layer desa tidak memiliki fitur: tidak ada yang perlu dijangkau. Pilih layer yang berisi desa.</translation>
    </message>
    <message>
      <source>The candidate layer has no features: no new site is selected (0 sites); the villages keep the coverage of the existing sites. Run 'Candidate sites' first if candidates were expected.</source>
      <translation>Lapisan kandidat tidak berisi fitur: tidak ada lokasi baru yang dipilih (0 lokasi); desa tetap dengan cakupan menara yang ada. Jalankan 'Candidate sites' lebih dulu bila kandidat diharapkan.</translation>
    </message>
    <message>
      <source>The budget is zero: no site can be built, the selection is empty. Give BUDGET_IDR in rupiah (e.g. 26000000000 for ten 3T BTS).</source>
      <translation>Anggaran nol: tidak ada lokasi yang dapat dibangun, pilihan kosong. Isi BUDGET_IDR dalam rupiah (mis. 26000000000 untuk sepuluh BTS 3T).</translation>
    </message>
    <message>
      <source>Population field (empty = detect)</source>
      <translation>Kolom penduduk (kosong = deteksi otomatis)</translation>
    </message>
    <message>
      <source>Weight field (e.g. priority_score; demand = population × weight)</source>
      <translation>Kolom bobot (mis. priority_score; permintaan = penduduk × bobot)</translation>
    </message>
    <message>
      <source>Candidate cost field (empty = cost_idr if present, else the default cost)</source>
      <translation>Kolom biaya kandidat (kosong = cost_idr bila ada, selain itu biaya bawaan)</translation>
    </message>
    <message>
      <source>Candidate id field (empty = cand_id or site_id, else the feature id)</source>
      <translation>Kolom id kandidat (kosong = cand_id atau site_id, selain itu id fitur)</translation>
    </message>
    <message>
      <source>Population newly covered</source>
      <translation>Penduduk yang baru terjangkau</translation>
    </message>
    <message>
      <source>Population covered (existing + new)</source>
      <translation>Penduduk terjangkau (yang ada + baru)</translation>
    </message>
    <message>
      <source>Cost of the selected sites (Rp)</source>
      <translation>Biaya lokasi terpilih (Rp)</translation>
    </message>
    <message>
      <source>Sites selected</source>
      <translation>Lokasi terpilih</translation>
    </message>
    <message>
      <source>Optimality gap (0 = optimal; empty for greedy)</source>
      <translation>Gap optimalitas (0 = optimal; kosong untuk greedy)</translation>
    </message>
    <message>
      <source>Villages newly covered</source>
      <translation>Desa yang baru terjangkau</translation>
    </message>
    <message>
      <source>Villages already covered</source>
      <translation>Desa yang sudah tercakup</translation>
    </message>
    <message>
      <source>Solver status</source>
      <translation>Status solver</translation>
    </message>
    <message>
      <source>Solver</source>
      <translation>Solver</translation>
    </message>
    <message>
      <source>A coverage raster without a DEM cannot test candidate sites: give the DEM the coverage was computed on. The straight-distance radius is used.</source>
      <translation>Raster cakupan tanpa DEM tidak dapat menguji lokasi kandidat: berikan DEM yang dipakai untuk menghitung cakupan. Radius jarak lurus yang digunakan.</translation>
    </message>
    <message>
      <source>Coverage test: a candidate covers a village when, added to the coverage raster, it makes the village 'covered' by classify's rule ({k} villages covered today).</source>
      <translation>Uji cakupan: kandidat mencakup desa bila, ditambahkan ke raster cakupan, desa itu menjadi 'tercakup' menurut aturan klasifikasi ({k} desa tercakup saat ini).</translation>
    </message>
    <message>
      <source>EXISTING is not used: the status field already includes the existing sites.</source>
      <translation>EXISTING tidak dipakai: kolom status sudah memperhitungkan menara eksisting.</translation>
    </message>
    <message>
      <source>All distances and coverage tests are computed in {crs} (inputs transformed from their own CRS).</source>
      <translation>Semua jarak dan uji cakupan dihitung dalam {crs} (masukan ditransformasikan dari CRS masing-masing).</translation>
    </message>
    <message>
      <source>Selected {k} of {m} candidates for {c} (budget {b}): {p} people newly covered in {v} villages; {t} covered in total with the existing sites. Method {meth} ({solver}), status {status}, gap {gap}.</source>
      <translation>Terpilih {k} dari {m} kandidat senilai {c} (anggaran {b}): {p} penduduk baru terjangkau di {v} desa; total {t} terjangkau bersama lokasi yang ada. Metode {meth} ({solver}), status {status}, gap {gap}.</translation>
    </message>
    <message>
      <source>Coverage: line of sight from each site to the village office, within {r} m (DEM).</source>
      <translation>Cakupan: garis pandang dari tiap lokasi ke kantor desa, dalam {r} m (DEM).</translation>
    </message>
    <message>
      <source>The coverage raster ({a}) and the DEM ({b}) have different CRSs: candidates are tested at the village offices only.</source>
      <translation>Raster cakupan ({a}) dan DEM ({b}) memiliki CRS berbeda: kandidat hanya diuji di kantor desa.</translation>
    </message>
    <message>
      <source>{k} villages have no valid population; they count as 0.</source>
      <translation>{k} desa tidak memiliki jumlah penduduk yang valid; dihitung 0.</translation>
    </message>
    <message>
      <source>Demand = {p} × {w}.</source>
      <translation>Permintaan = {p} × {w}.</translation>
    </message>
    <message>
      <source>Demand = {p}.</source>
      <translation>Permintaan = {p}.</translation>
    </message>
    <message>
      <source>{k} villages have no geometry; they cannot be covered.</source>
      <translation>{k} desa tidak memiliki geometri; desa tersebut tidak dapat dijangkau.</translation>
    </message>
    <message>
      <source>The candidate layer has no field '{f}' (COST_FIELD).</source>
      <translation>Layer kandidat tidak memiliki kolom '{f}' (COST_FIELD).</translation>
    </message>
    <message>
      <source>Candidate costs from field {f}.</source>
      <translation>Biaya kandidat dari kolom {f}.</translation>
    </message>
    <message>
      <source>Every candidate costs the default {c}.</source>
      <translation>Setiap kandidat berbiaya bawaan {c}.</translation>
    </message>
    <message>
      <source>{n} candidate ids are used by more than one candidate (field {field}; e.g. '{id}' by features {fids}): each candidate must have its own id, as the plan charges a site's cost to the villages of its id. Correct the ids (e.g. with the field calculator: {field} = @id).</source>
      <translation>{n} id kandidat dipakai oleh lebih dari satu kandidat (kolom {field}; mis. '{id}' oleh fitur {fids}): setiap kandidat harus memiliki id sendiri, karena rencana membebankan biaya sebuah site kepada desa-desa dengan id-nya. Perbaiki id tersebut (mis. dengan kalkulator kolom: {field} = @id).</translation>
    </message>
    <message>
      <source>Programme: {k} villages are already connected by the programme; they are not demand for new sites ({m} of them are not covered).</source>
      <translation>Program: {k} desa sudah tersambung oleh program; desa-desa itu bukan permintaan lokasi baru ({m} di antaranya tidak tercakup).</translation>
    </message>
    <message>
      <source>Existing coverage: {k} of {n} villages are 'covered' (field {f} from 'Classify villages'); partial villages and blank spots are the demand.</source>
      <translation>Cakupan eksisting: {k} dari {n} desa 'tercakup' (kolom {f} dari 'Klasifikasi desa'); desa sebagian dan blank spot menjadi permintaan.</translation>
    </message>
    <message>
      <source>Existing coverage: {k} of {n} villages are covered by classify's rule on the coverage raster.</source>
      <translation>Cakupan eksisting: {k} dari {n} desa tercakup menurut aturan klasifikasi pada raster cakupan.</translation>
    </message>
    <message>
      <source>{k} villages are already covered by the {e} existing sites.</source>
      <translation>{k} desa sudah tercakup oleh {e} lokasi yang ada.</translation>
    </message>
    <message>
      <source>Coverage: village office within {r} m of the site (straight distance).</source>
      <translation>Cakupan: kantor desa dalam {r} m dari lokasi (jarak lurus).</translation>
    </message>
    <message>
      <source>Budget curve: {b} -&gt; {p} people newly covered.</source>
      <translation>Kurva anggaran: {b} -&gt; {p} penduduk tercakup baru.</translation>
    </message>
    <message>
      <source>Cannot read the candidate layer: {src}. Check the path and format.</source>
      <translation>Tidak dapat membaca layer kandidat: {src}. Periksa path dan formatnya.</translation>
    </message>
    <message>
      <source>None of the {n} candidates has a point geometry, so none can be placed: choose a point layer of candidate sites (e.g. the output of 'Candidate sites').</source>
      <translation>Tidak satu pun dari {n} kandidat memiliki geometri titik, sehingga tidak ada yang dapat ditempatkan: pilih layer titik kandidat site (mis. keluaran 'Kandidat lokasi').</translation>
    </message>
    <message>
      <source>{n} candidates have no geometry and cannot be selected (feature id {ids}).</source>
      <translation>{n} kandidat tidak memiliki geometri dan tidak dapat dipilih (id fitur {ids}).</translation>
    </message>
    <message>
      <source>Optimisation: {warning}</source>
      <translation>Optimasi: {warning}</translation>
    </message>
    <message>
      <source>Coverage: model {m}, office signal ≥ {t} dBm, within {r} m (DEM).</source>
      <translation>Cakupan: model {m}, sinyal di kantor desa ≥ {t} dBm, dalam {r} m (DEM).</translation>
    </message>
    <message>
      <source>The village layer has no field '{f}' (WEIGHT_FIELD).</source>
      <translation>Layer desa tidak memiliki kolom '{f}' (WEIGHT_FIELD).</translation>
    </message>
    <message>
      <source>{k} villages have no valid weight in {f}; they count as 0.</source>
      <translation>{k} desa tidak memiliki bobot yang valid di {f}; dihitung 0.</translation>
    </message>
    <message>
      <source>{k} candidates have no valid cost; they cost the default {c}.</source>
      <translation>{k} kandidat tidak memiliki biaya yang valid; biayanya bawaan {c}.</translation>
    </message>
    <message>
      <source>CURVE_BUDGETS_IDR: '{value}' is not an amount of rupiah; write the budgets separated by ';', e.g. 25e9; 50e9; 100000000000.</source>
      <translation>CURVE_BUDGETS_IDR: '{value}' bukan jumlah rupiah; tulis anggaran dipisah ';', mis. 25e9; 50e9; 100000000000.</translation>
    </message>
    <message>
      <source>CURVE_BUDGETS_IDR: a budget cannot be negative ({value:g}).</source>
      <translation>CURVE_BUDGETS_IDR: anggaran tidak boleh negatif ({value:g}).</translation>
    </message>
    <message>
      <source>The village layer has no field '{field}' (parameter {param}, {what}). Choose an existing field (its fields: {fields}) or leave {param} empty.</source>
      <translation>Layer desa tidak memiliki field '{field}' (parameter {param}, {what}). Pilih field yang ada (field-nya: {fields}) atau kosongkan {param}.</translation>
    </message>
    <message>
      <source>The candidate layer has no field '{field}' (parameter {param}, {what}). Choose an existing field (its fields: {fields}) or leave {param} empty.</source>
      <translation>Layer kandidat tidak memiliki field '{field}' (parameter {param}, {what}). Pilih field yang ada (field-nya: {fields}) atau kosongkan {param}.</translation>
    </message>
    <message>
      <source>No candidate is affordable: the cheapest costs {c} but the budget is {b}. Raise BUDGET_IDR or add cheaper candidates (e.g. co-location on existing towers).</source>
      <translation>Tidak ada kandidat yang terjangkau anggaran: yang termurah {c} tetapi anggaran {b}. Naikkan BUDGET_IDR atau tambahkan kandidat yang lebih murah (mis. kolokasi pada menara eksisting).</translation>
    </message>
    <message>
      <source>Cannot optimise the sites: {error}</source>
      <translation>Tidak dapat mengoptimalkan lokasi: {error}</translation>
    </message>
    <message>
      <source>Selected site {site} serves no village once every village is assigned to its nearest selected site; it is dropped from the plan ({c}).</source>
      <translation>Lokasi terpilih {site} tidak melayani desa mana pun setelah setiap desa ditugaskan ke lokasi terpilih terdekat; lokasi ini dikeluarkan dari rencana ({c}).</translation>
    </message>
    <message>
      <source>{k} villages have another status in the field {f} than the coverage raster gives by classify's rule (e.g. feature {fid}): the field was classified with other settings or another raster. Run 'Classify villages' again on this raster.</source>
      <translation>{k} desa memiliki status pada kolom {f} yang berbeda dari hasil aturan klasifikasi pada raster cakupan (mis. fitur {fid}): kolom itu diklasifikasi dengan pengaturan atau raster lain. Jalankan lagi 'Klasifikasi desa' pada raster ini.</translation>
    </message>
    <message>
      <source>Villages (points or polygons)</source>
      <translation>Desa (titik atau poligon)</translation>
    </message>
    <message>
      <source>Weights (criterion=weight, …; empty = preset)</source>
      <translation>Bobot (kriteria=bobot, …; kosong = preset)</translation>
    </message>
    <message>
      <source>Weight preset</source>
      <translation>Preset bobot</translation>
    </message>
    <message>
      <source>Kab/kota capitals (points) for remoteness</source>
      <translation>Ibu kota kab/kota (titik) untuk keterpencilan</translation>
    </message>
    <message>
      <source>Prioritised villages</source>
      <translation>Desa terprioritas</translation>
    </message>
    <message>
      <source>its remoteness is measured from a point that may be wrong</source>
      <translation>keterpencilannya diukur dari titik yang bisa keliru</translation>
    </message>
    <message>
      <source>The capitals layer has no usable points; remoteness falls back to the distance to the nearest covered village.</source>
      <translation>Layer ibu kota tidak memiliki titik yang dapat dipakai; keterpencilan memakai jarak ke desa tercakup terdekat.</translation>
    </message>
    <message>
      <source>IDM field (score or class)</source>
      <translation>Kolom IDM (skor atau kelas)</translation>
    </message>
    <message>
      <source>Number of schools field</source>
      <translation>Kolom jumlah sekolah</translation>
    </message>
    <message>
      <source>Number of health posts field</source>
      <translation>Kolom jumlah fasilitas kesehatan</translation>
    </message>
    <message>
      <source>Electricity field (yes/no)</source>
      <translation>Kolom listrik (ya/tidak)</translation>
    </message>
    <message>
      <source>Digital cadres field (number or yes/no)</source>
      <translation>Kolom kader digital (jumlah atau ya/tidak)</translation>
    </message>
    <message>
      <source>Village code field (tie-break; empty = detect)</source>
      <translation>Kolom kode desa (penentu urutan bila seri; kosong = deteksi otomatis)</translation>
    </message>
    <message>
      <source>Weights used</source>
      <translation>Bobot yang dipakai</translation>
    </message>
    <message>
      <source>Criteria skipped</source>
      <translation>Kriteria yang dilewati</translation>
    </message>
    <message>
      <source>Fields used: {fields}</source>
      <translation>Kolom yang dipakai: {fields}</translation>
    </message>
    <message>
      <source>Weights applied (after skipping criteria without data): {w}</source>
      <translation>Bobot yang diterapkan (setelah kriteria tanpa data dilewati): {w}</translation>
    </message>
    <message>
      <source>Weights from preset {p}: {w}</source>
      <translation>Bobot dari preset {p}: {w}</translation>
    </message>
    <message>
      <source>Priority: {warning}</source>
      <translation>Prioritas: {warning}</translation>
    </message>
    <message>
      <source>Weights from WEIGHTS: {w}</source>
      <translation>Bobot dari WEIGHTS: {w}</translation>
    </message>
    <message>
      <source>Remoteness: distance to the nearest kab/kota capital, computed in {crs}.</source>
      <translation>Keterpencilan: jarak ke ibu kota kab/kota terdekat, dihitung dalam {crs}.</translation>
    </message>
    <message>
      <source>Remoteness is skipped: give a kab/kota capital layer (CAPITALS) or a status field with covered villages.</source>
      <translation>Keterpencilan dilewati: berikan layer ibu kota kab/kota (CAPITALS) atau kolom status dengan desa yang tercakup.</translation>
    </message>
    <message>
      <source>Cannot compute the priority: {error}</source>
      <translation>Tidak dapat menghitung prioritas: {error}</translation>
    </message>
    <message>
      <source>None of the {n} capitals lies within {km} km of the villages (the first is at {x:.0f}, {y:.0f} in {crs}; the villages span {x0:.0f}–{x1:.0f}, {y0:.0f}–{y1:.0f}): the CAPITALS layer's CRS is probably wrong. Set its CRS in the layer properties, or leave CAPITALS empty.</source>
      <translation>Tidak satu pun dari {n} ibu kota berada dalam {km} km dari desa-desa (yang pertama di {x:.0f}, {y:.0f} dalam {crs}; desa-desa mencakup {x0:.0f}–{x1:.0f}, {y0:.0f}–{y1:.0f}): CRS layer CAPITALS kemungkinan salah. Atur CRS-nya di properti layer, atau kosongkan CAPITALS.</translation>
    </message>
    <message>
      <source>{n} of {total} capitals lie more than {km} km outside the villages (feature id {ids}): they are used, but check their coordinates.</source>
      <translation>{n} dari {total} ibu kota berada lebih dari {km} km di luar desa-desa (id fitur {ids}): ibu kota tersebut tetap dipakai, tetapi periksa koordinatnya.</translation>
    </message>
    <message>
      <source>Remoteness: distance to the nearest covered village, computed in {crs}.</source>
      <translation>Keterpencilan: jarak ke desa tercakup terdekat, dihitung dalam {crs}.</translation>
    </message>
    <message>
      <source>Invalid WEIGHTS: {error}</source>
      <translation>WEIGHTS tidak valid: {error}</translation>
    </message>
    <message>
      <source>Replace an existing plan in the schema</source>
      <translation>Ganti rencana yang sudah ada di skema</translation>
    </message>
    <message>
      <source>Published {tables} tables ({rows} rows) to schema '{schema}'; checksums match.</source>
      <translation>{tables} tabel ({rows} baris) dipublikasikan ke skema '{schema}'; checksum cocok.</translation>
    </message>
    <message>
      <source>Village layer</source>
      <translation>Layer desa</translation>
    </message>
    <message>
      <source>Cannot read the village layer.</source>
      <translation>Layer desa tidak dapat dibaca.</translation>
    </message>
    <message>
      <source>Repaired features</source>
      <translation>Fitur yang diperbaiki</translation>
    </message>
    <message>
      <source>{names} and {n} more</source>
      <translation>{names} dan {n} lainnya</translation>
    </message>
    <message>
      <source>{n} villages have no geometry, and no repair can give them one: {names}. They are copied without geometry; digitise them or delete the stray rows ('Check village layer' lists them).</source>
      <translation>{n} desa tidak memiliki geometri, dan perbaikan tidak dapat memberikannya: {names}. Desa tersebut disalin tanpa geometri; digitasi desa tersebut atau hapus baris yang tersesat ('Periksa layer desa' mendaftarnya).</translation>
    </message>
    <message>
      <source>The village layer {name} has no features: there is nothing to repair. Choose the layer that holds the villages, or remove its filter.</source>
      <translation>Layer desa {name} tidak memiliki fitur: tidak ada yang perlu diperbaiki. Pilih layer yang berisi desa, atau hapus filternya.</translation>
    </message>
    <message>
      <source>Repaired feature ids: {ids}</source>
      <translation>ID fitur yang diperbaiki: {ids}</translation>
    </message>
    <message>
      <source>Village plan layer (points or polygons)</source>
      <translation>Layer rencana desa (titik atau poligon)</translation>
    </message>
    <message>
      <source>First year of the roadmap</source>
      <translation>Tahun pertama roadmap</translation>
    </message>
    <message>
      <source>Number of years</source>
      <translation>Jumlah tahun</translation>
    </message>
    <message>
      <source>Years of OPEX funded from connection</source>
      <translation>Jumlah tahun OPEX yang didanai sejak tersambung</translation>
    </message>
    <message>
      <source>Funding table (CSV, JSON or GeoPackage; empty = defaults)</source>
      <translation>Tabel sumber dana (CSV, JSON atau GeoPackage; kosong = bawaan)</translation>
    </message>
    <message>
      <source>Funding tables (*.csv *.txt *.json *.gpkg)</source>
      <translation>Tabel sumber dana (*.csv *.txt *.json *.gpkg)</translation>
    </message>
    <message>
      <source>Installation capacity table (CSV or XLSX: year, tech, kab_code, provider, max_installations; empty = defaults)</source>
      <translation>Tabel kapasitas pemasangan (CSV atau XLSX: year, tech, kab_code, provider, max_installations; kosong = bawaan)</translation>
    </message>
    <message>
      <source>Lead time of a new BTS, from its build year to service (months)</source>
      <translation>Waktu tunggu BTS baru, dari tahun pembangunan hingga beroperasi (bulan)</translation>
    </message>
    <message>
      <source>Trained digital cadres per connected village</source>
      <translation>Kader digital terlatih per desa tersambung</translation>
    </message>
    <message>
      <source>Trainees per training batch</source>
      <translation>Peserta per angkatan pelatihan</translation>
    </message>
    <message>
      <source>Training cost per trainee (Rp)</source>
      <translation>Biaya pelatihan per peserta (Rp)</translation>
    </message>
    <message>
      <source>Training year</source>
      <translation>Tahun pelatihan</translation>
    </message>
    <message>
      <source>Existing towers (points with operator) for tower sharing</source>
      <translation>Menara eksisting (titik dengan operator) untuk berbagi menara</translation>
    </message>
    <message>
      <source>Tower sharing distance (m)</source>
      <translation>Jarak berbagi menara (m)</translation>
    </message>
    <message>
      <source>Planned new sites (points: optimizesites OUTPUT_SITES) for tower sharing, measured from each planned tower</source>
      <translation>Lokasi baru rencana (titik: OUTPUT_SITES dari optimizesites) untuk berbagi menara, diukur dari tiap menara rencana</translation>
    </message>
    <message>
      <source>Roadmap villages</source>
      <translation>Desa dalam roadmap</translation>
    </message>
    <message>
      <source>Folder for one CSV per operator</source>
      <translation>Folder untuk satu CSV per operator</translation>
    </message>
    <message>
      <source>Village code</source>
      <translation>Kode desa</translation>
    </message>
    <message>
      <source>Priority rank</source>
      <translation>Peringkat prioritas</translation>
    </message>
    <message>
      <source>Village name</source>
      <translation>Nama desa</translation>
    </message>
    <message>
      <source>Kecamatan code</source>
      <translation>Kode kecamatan</translation>
    </message>
    <message>
      <source>Kecamatan name</source>
      <translation>Nama kecamatan</translation>
    </message>
    <message>
      <source>Kabupaten/kota code</source>
      <translation>Kode kabupaten/kota</translation>
    </message>
    <message>
      <source>Kabupaten/kota name</source>
      <translation>Nama kabupaten/kota</translation>
    </message>
    <message>
      <source>3T village (yes/no)</source>
      <translation>Desa 3T (ya/tidak)</translation>
    </message>
    <message>
      <source>20×20 m plot available (yes/no)</source>
      <translation>Lahan 20×20 m tersedia (ya/tidak)</translation>
    </message>
    <message>
      <source>Cadres already trained</source>
      <translation>Kader yang sudah terlatih</translation>
    </message>
    <message>
      <source>Fibre CAPEX for migration (Rp)</source>
      <translation>CAPEX fiber untuk migrasi (Rp)</translation>
    </message>
    <message>
      <source>Fibre OPEX per year for migration (Rp)</source>
      <translation>OPEX fiber per tahun untuk migrasi (Rp)</translation>
    </message>
    <message>
      <source>New BTS site id</source>
      <translation>Id lokasi BTS baru</translation>
    </message>
    <message>
      <source>Existing service ('programme': connected before the roadmap)</source>
      <translation>Layanan eksisting ('programme': tersambung sebelum roadmap)</translation>
    </message>
    <message>
      <source>Contract end of the existing service</source>
      <translation>Akhir kontrak layanan eksisting</translation>
    </message>
    <message>
      <source>An unknown 3T flag counts as not 3T: funds for 3T villages only do not pay for those villages.</source>
      <translation>Tanda 3T yang tidak diketahui dihitung bukan 3T: dana khusus desa 3T tidak membiayai desa tersebut.</translation>
    </message>
    <message>
      <source>An unknown plot counts as not confirmed: funds that need a 20×20 m plot do not pay for those villages.</source>
      <translation>Lahan yang tidak diketahui dihitung belum pasti: dana yang mensyaratkan lahan 20×20 m tidak membiayai desa tersebut.</translation>
    </message>
    <message>
      <source>Same year as the connection</source>
      <translation>Tahun yang sama dengan penyambungan</translation>
    </message>
    <message>
      <source>The year before</source>
      <translation>Setahun sebelumnya</translation>
    </message>
    <message>
      <source>Funding table: default planning assumptions (edit them on the Plan page).</source>
      <translation>Tabel sumber dana: asumsi perencanaan bawaan (ubah di halaman Rencana).</translation>
    </message>
    <message>
      <source>The plan layer has no villages: choose a layer with at least one village (run 'Choose technology' first) or clear the 'selected features only' option.</source>
      <translation>Layer rencana tidak berisi desa: pilih layer dengan minimal satu desa (jalankan 'Pilih teknologi' lebih dulu) atau matikan opsi 'hanya fitur terpilih'.</translation>
    </message>
    <message>
      <source>PLANNED_SITES has no 'cand_id' or 'site_id' field: give the planned sites of 'Optimise new sites under a budget' (OUTPUT_SITES), whose ids the plan's villages name.</source>
      <translation>PLANNED_SITES tidak memiliki kolom 'cand_id' atau 'site_id': berikan lokasi baru rencana dari 'Optimalkan lokasi baru dalam batas anggaran' (OUTPUT_SITES), yang id-nya disebut oleh desa-desa dalam rencana.</translation>
    </message>
    <message>
      <source>The tower layer has no 'operator' field. Choose the field holding the operator in the parameter TOWER_OPERATOR_FIELD.</source>
      <translation>Layer menara tidak memiliki kolom 'operator'. Pilih kolom yang berisi operator pada parameter TOWER_OPERATOR_FIELD.</translation>
    </message>
    <message>
      <source>and {n} more</source>
      <translation>dan {n} lainnya</translation>
    </message>
    <message>
      <source>feature {fid}{label}: {error}</source>
      <translation>fitur {fid}{label}: {error}</translation>
    </message>
    <message>
      <source>Tower operator field (default: operator)</source>
      <translation>Kolom operator menara (bawaan: operator)</translation>
    </message>
    <message>
      <source>Tower id field (default: site_id, else the feature id)</source>
      <translation>Kolom id menara (bawaan: site_id, jika tidak ada id fitur)</translation>
    </message>
    <message>
      <source>Villages scheduled</source>
      <translation>Desa terjadwal</translation>
    </message>
    <message>
      <source>Villages unfunded</source>
      <translation>Desa belum terdanai</translation>
    </message>
    <message>
      <source>Villages over capacity</source>
      <translation>Desa melebihi kapasitas</translation>
    </message>
    <message>
      <source>People connected</source>
      <translation>Penduduk tersambung</translation>
    </message>
    <message>
      <source>OPEX total (Rp)</source>
      <translation>Total OPEX (Rp)</translation>
    </message>
    <message>
      <source>Share of OPEX after year 1 from recurring sources</source>
      <translation>Porsi OPEX setelah tahun pertama dari sumber berkelanjutan</translation>
    </message>
    <message>
      <source>Share of OPEX after year 1 from recurring sources, operators' money not counted</source>
      <translation>Porsi OPEX setelah tahun pertama dari sumber berulang, tanpa dana operator</translation>
    </message>
    <message>
      <source>Villages migrated to fibre</source>
      <translation>Desa yang bermigrasi ke fiber</translation>
    </message>
    <message>
      <source>Cadres to train</source>
      <translation>Kader yang perlu dilatih</translation>
    </message>
    <message>
      <source>Training cost (Rp)</source>
      <translation>Biaya pelatihan (Rp)</translation>
    </message>
    <message>
      <source>Operator CSV files</source>
      <translation>Berkas CSV operator</translation>
    </message>
    <message>
      <source>Funding table: {n} sources from {path}</source>
      <translation>Tabel sumber dana: {n} sumber dari {path}</translation>
    </message>
    <message>
      <source>Installation capacity: {n} rows from {path}</source>
      <translation>Kapasitas pemasangan: {n} baris dari {path}</translation>
    </message>
    <message>
      <source>Scheduling {n} villages over {years} years from {start}…</source>
      <translation>Menjadwalkan {n} desa selama {years} tahun mulai {start}…</translation>
    </message>
    <message>
      <source>No tower layer given (TOWERS): the tower sharing list is empty.</source>
      <translation>Layer menara tidak diberikan (TOWERS): daftar berbagi menara kosong.</translation>
    </message>
    <message>
      <source>Roadmap {start}–{end}: {s} villages scheduled ({p} people), {u} unfunded; CAPEX {capex}, OPEX {opex}.</source>
      <translation>Roadmap {start}–{end}: {s} desa terjadwal ({p} jiwa), {u} belum terdanai; CAPEX {capex}, OPEX {opex}.</translation>
    </message>
    <message>
      <source>EXISTING_FIELD = {field}: {n} value(s) are neither 'programme' nor a yes/no word and were read as connected before the roadmap ({cells}): their service continues, they are in no operator package and their CAPEX is not counted. Write 'programme' for a village the programme connected, and leave the cell empty (or write 'tidak') for a village the plan is to connect.</source>
      <translation>EXISTING_FIELD = {field}: {n} nilai bukan 'programme' dan bukan kata ya/tidak, dan dibaca sebagai sudah tersambung sebelum roadmap ({cells}): layanannya berlanjut, desanya tidak masuk paket operator mana pun dan CAPEX-nya tidak dihitung. Tulis 'programme' untuk desa yang disambungkan program, dan kosongkan selnya (atau tulis 'tidak') untuk desa yang akan disambungkan rencana ini.</translation>
    </message>
    <message>
      <source>Installation capacity: defaults (per year: {rows}; sources in the user guide).</source>
      <translation>Kapasitas pemasangan: bawaan (per tahun: {rows}; sumber di panduan pengguna).</translation>
    </message>
    <message>
      <source>The capacity table's rows for {years} lie outside the roadmap's years {start}–{end}: they limit nothing. Correct their year, or write 'all' for every year.</source>
      <translation>Baris tabel kapasitas untuk {years} berada di luar tahun peta jalan {start}–{end}: baris itu tidak membatasi apa pun. Perbaiki tahunnya, atau tulis 'all' untuk setiap tahun.</translation>
    </message>
    <message>
      <source>Cannot read the plan layer: {src}. Check the path and format.</source>
      <translation>Layer rencana tidak dapat dibaca: {src}. Periksa lokasi dan formatnya.</translation>
    </message>
    <message>
      <source>{n} plan features have no village code (field {field}), e.g. feature id {fid}. Fill in the codes or remove those features.</source>
      <translation>{n} fitur rencana tidak memiliki kode desa (kolom {field}), misalnya id fitur {fid}. Isi kodenya atau hapus fitur tersebut.</translation>
    </message>
    <message>
      <source>PLAN: {n} village(s) of the plan layer have an invalid geometry: {list}. The roadmap does not run on invalid geometries. Run 'Repair village geometries' (or Vector &gt; Geometry &gt; Fix geometries) on the plan layer and give its output as PLAN.</source>
      <translation>PLAN: {n} desa pada layer rencana memiliki geometri tidak valid: {list}. Roadmap tidak berjalan dengan geometri tidak valid. Jalankan 'Perbaiki geometri desa' (atau Vektor &gt; Geometri &gt; Perbaiki geometri) pada layer rencana dan berikan keluarannya sebagai PLAN.</translation>
    </message>
    <message>
      <source>Capacity table: kab_code {codes} is the code of no village of the plan, so its rows limit nothing. Check the code (the plan's kab/kota codes: {known}).</source>
      <translation>Tabel kapasitas: kab_code {codes} bukan kode desa mana pun dalam rencana, sehingga barisnya tidak membatasi apa pun. Periksa kodenya (kode kab/kota rencana: {known}).</translation>
    </message>
    <message>
      <source>Tower sharing: {n} planned BTS within {d} m of another operator's tower ({pairs} pairs).</source>
      <translation>Berbagi menara: {n} BTS rencana berada dalam {d} m dari menara operator lain ({pairs} pasangan).</translation>
    </message>
    <message>
      <source>Tower sharing: {n} planned BTS, and {v} BTS village(s) measured from their own point, within {d} m of another operator's tower ({pairs} pairs).</source>
      <translation>Berbagi menara: {n} BTS rencana, dan {v} desa BTS yang diukur dari titik desanya sendiri, berada dalam {d} m dari menara operator lain ({pairs} pasangan).</translation>
    </message>
    <message>
      <source>Tower sharing: {n} BTS village(s) ({list}) are measured from their own point, not from their planned tower: {why} Give the planned sites (optimizesites OUTPUT_SITES) as PLANNED_SITES.</source>
      <translation>Berbagi menara: {n} desa BTS ({list}) diukur dari titik desanya sendiri, bukan dari menara rencananya: {why} Berikan lokasi baru rencana (OUTPUT_SITES dari optimizesites) sebagai PLANNED_SITES.</translation>
    </message>
    <message>
      <source>Operator packages: {n} CSV files written to {folder}</source>
      <translation>Paket operator: {n} berkas CSV ditulis ke {folder}</translation>
    </message>
    <message>
      <source>{n} village(s) could be funded but no year of {start}–{end} had installation capacity left for them (status 'over_capacity'): raise the capacity table's limits, add years, or accept them after the horizon.</source>
      <translation>{n} desa dapat didanai tetapi tidak ada tahun {start}–{end} yang masih punya kapasitas pemasangan untuknya (status 'over_capacity'): naikkan batas di tabel kapasitas, tambah tahun, atau terima bahwa desa itu menyusul setelah horizon.</translation>
    </message>
    <message>
      <source>OPEX_YEARS is 0: the roadmap funds no running cost. The villages it connects need {opex} a year of OPEX (subscriptions, power, upkeep) that no source of this plan pays, and the report's 'opex' is Rp 0. Give OPEX_YEARS the years the funding sources are to pay it.</source>
      <translation>OPEX_YEARS bernilai 0: peta jalan tidak mendanai biaya berjalan apa pun. Desa yang disambungkannya memerlukan OPEX {opex} per tahun (langganan, listrik, pemeliharaan) yang tidak dibayar sumber mana pun dalam rencana ini, dan 'opex' di laporan tertulis Rp 0. Isi OPEX_YEARS dengan jumlah tahun sumber dana membayarnya.</translation>
    </message>
    <message>
      <source>Sustainability: {pct}% of the OPEX after the first year of service is paid from recurring sources.</source>
      <translation>Keberlanjutan: {pct}% OPEX setelah tahun pertama layanan dibayar dari sumber berkelanjutan.</translation>
    </message>
    <message>
      <source>feature {fid} ({code}): '{value}'</source>
      <translation>fitur {fid} ({code}): '{value}'</translation>
    </message>
    <message>
      <source>{param} = {field}: {n} value(s) are no yes/no word and were read as unknown ({cells}). {effect} Write yes or no: {yes} / {no}.</source>
      <translation>{param} = {field}: {n} nilai bukan kata ya/tidak dan dibaca sebagai tidak diketahui ({cells}). {effect} Tulis ya atau tidak: {yes} / {no}.</translation>
    </message>
    <message>
      <source>{field}: the operator of the package '{name}' is written in {n} ways: {spellings}. They are read as one operator: their villages are in one package and the capacity table's limits for that operator hold for all of them. The plan layer is not changed. If they are different operators, give them distinct names in the field {field}.</source>
      <translation>{field}: operator paket '{name}' ditulis dengan {n} cara: {spellings}. Semuanya dibaca sebagai satu operator: desa-desanya ada dalam satu paket dan batas tabel kapasitas untuk operator itu berlaku bagi semuanya. Layer rencana tidak diubah. Bila memang operator yang berbeda, beri nama yang berbeda pada kolom {field}.</translation>
    </message>
    <message>
      <source>TOWERS: {n} tower(s) of the tower layer have an invalid geometry, so their position is not known: {list}. Fix them (Vector &gt; Geometry &gt; Fix geometries) and give the fixed layer as TOWERS, or give the towers as points (e.g. the output of 'Import towers / sites').</source>
      <translation>TOWERS: {n} menara pada layer menara memiliki geometri tidak valid, sehingga posisinya tidak diketahui: {list}. Perbaiki geometrinya (Vektor &gt; Geometri &gt; Perbaiki geometri) dan berikan layer yang sudah diperbaiki sebagai TOWERS, atau berikan menara sebagai titik (misalnya keluaran 'Impor menara / site').</translation>
    </message>
    <message>
      <source>TOWERS: {n} of {total} tower(s) have no operator in the field {field} ({list}): a tower whose operator is not known is never a sharing candidate. Fill in the operator, or choose the field holding it in TOWER_OPERATOR_FIELD.</source>
      <translation>TOWERS: {n} dari {total} menara tidak memiliki operator pada kolom {field} ({list}): menara yang operatornya tidak diketahui tidak pernah menjadi kandidat berbagi menara. Isi operatornya, atau pilih kolom yang memuatnya pada TOWER_OPERATOR_FIELD.</translation>
    </message>
    <message>
      <source>TOWERS: {n} tower id(s) of the field {field} are used by more than one tower ({list}): the tower sharing list names those towers alike. Give each tower its own id, or choose another field in TOWER_ID_FIELD.</source>
      <translation>TOWERS: {n} id menara pada kolom {field} dipakai oleh lebih dari satu menara ({list}): daftar berbagi menara menamai menara-menara itu sama. Beri setiap menara id sendiri, atau pilih kolom lain pada TOWER_ID_FIELD.</translation>
    </message>
    <message>
      <source>{what} field (default: {name})</source>
      <translation>Kolom {what} (bawaan: {name})</translation>
    </message>
    <message>
      <source>The plan layer has no field '{field}' ({what}), although it is an output of 'Choose technology': the village layer it came from has none. Choose the field holding it in the parameter {param}, or add it to the village layer and run the chain again.</source>
      <translation>Layer rencana tidak memiliki kolom '{field}' ({what}), padahal ia keluaran 'Pilih teknologi': layer desa asalnya pun tidak memilikinya. Pilih kolom yang memuatnya pada parameter {param}, atau tambahkan kolom itu ke layer desa lalu jalankan rangkaian lagi.</translation>
    </message>
    <message>
      <source>The plan layer has no field '{field}' ({what}). Run 'Choose technology' first so the layer has tech, capex_idr, opex_idr_year and priority_rank, or choose the field holding it in the parameter {param}.</source>
      <translation>Layer rencana tidak memiliki kolom '{field}' ({what}). Jalankan 'Pilih teknologi' lebih dulu agar layer memiliki tech, capex_idr, opex_idr_year dan priority_rank, atau pilih kolom yang berisi data tersebut pada parameter {param}.</translation>
    </message>
    <message>
      <source>The capacity table file {path} does not exist. Choose an existing CSV file.</source>
      <translation>Berkas tabel kapasitas {path} tidak ada. Pilih berkas CSV yang ada.</translation>
    </message>
    <message>
      <source>Cannot read the capacity table {path}: {error}</source>
      <translation>Tabel kapasitas {path} tidak dapat dibaca: {error}</translation>
    </message>
    <message>
      <source>The funding table is invalid: {error}</source>
      <translation>Tabel sumber dana tidak valid: {error}</translation>
    </message>
    <message>
      <source>Bad training parameters: {error}</source>
      <translation>Parameter pelatihan tidak valid: {error}</translation>
    </message>
    <message>
      <source>no planned sites were given.</source>
      <translation>tidak ada lokasi baru rencana yang diberikan.</translation>
    </message>
    <message>
      <source>they name no site among the planned sites.</source>
      <translation>desa itu tidak menyebut lokasi mana pun di antara lokasi baru rencana.</translation>
    </message>
    <message>
      <source>feature {fid}: '{value}'</source>
      <translation>fitur {fid}: '{value}'</translation>
    </message>
    <message>
      <source>The plan layer has no field '{field}' (parameter {param}, {what}). Choose an existing field.</source>
      <translation>Layer rencana tidak memiliki kolom '{field}' (parameter {param}, {what}). Pilih kolom yang ada.</translation>
    </message>
    <message>
      <source>'{id}': features {fids}</source>
      <translation>'{id}': fitur {fids}</translation>
    </message>
    <message>
      <source>feature {fid}</source>
      <translation>fitur {fid}</translation>
    </message>
    <message>
      <source>Kab/kota roles</source>
      <translation>Peran kab/kota</translation>
    </message>
    <message>
      <source>Tables with row-level security</source>
      <translation>Tabel dengan keamanan tingkat baris</translation>
    </message>
    <message>
      <source>Schema version</source>
      <translation>Versi skema</translation>
    </message>
    <message>
      <source>Schema '{schema}' is at version {version}; kab/kota roles: {roles}</source>
      <translation>Skema '{schema}' pada versi {version}; peran kab/kota: {roles}</translation>
    </message>
    <message>
      <source>SLA target availability (%)</source>
      <translation>Target ketersediaan SLA (%)</translation>
    </message>
    <message>
      <source>Ignore outages of at most (seconds)</source>
      <translation>Abaikan gangguan paling lama (detik)</translation>
    </message>
    <message>
      <source>Months below target in a row before 'consider another provider'</source>
      <translation>Bulan berturut-turut di bawah target sebelum 'pertimbangkan penyedia lain'</translation>
    </message>
    <message>
      <source>Reporting month (YYYY-MM; empty = latest month with data)</source>
      <translation>Bulan laporan (YYYY-MM; kosong = bulan terakhir yang ada datanya)</translation>
    </message>
    <message>
      <source>Village layer (status, roadmap year; for the map and indicators)</source>
      <translation>Layer desa (status, tahun roadmap; untuk peta dan indikator)</translation>
    </message>
    <message>
      <source>Report layout template (.qpt)</source>
      <translation>Templat tata letak laporan (.qpt)</translation>
    </message>
    <message>
      <source>Print layout templates (*.qpt)</source>
      <translation>Templat tata letak cetak (*.qpt)</translation>
    </message>
    <message>
      <source>Monthly SLA per site</source>
      <translation>SLA bulanan per site</translation>
    </message>
    <message>
      <source>Provider scorecard</source>
      <translation>Rapor penyedia</translation>
    </message>
    <message>
      <source>Monthly M&amp;E report folder (CSV + PDF)</source>
      <translation>Folder laporan monev bulanan (CSV + PDF)</translation>
    </message>
    <message>
      <source>Status field (empty: deploy_status when the layer has it, else status)</source>
      <translation>Kolom status (kosong: deploy_status bila layer memilikinya, selain itu status)</translation>
    </message>
    <message>
      <source>M&amp;E report PDF</source>
      <translation>PDF laporan monev</translation>
    </message>
    <message>
      <source>Reporting month</source>
      <translation>Bulan laporan</translation>
    </message>
    <message>
      <source>Site-months evaluated</source>
      <translation>Site-bulan yang dievaluasi</translation>
    </message>
    <message>
      <source>Site-months with restitution</source>
      <translation>Site-bulan dengan restitusi</translation>
    </message>
    <message>
      <source>{n} report and outage records.</source>
      <translation>{n} catatan laporan dan gangguan.</translation>
    </message>
    <message>
      <source>The village layer has no geometry to draw: the report's indicators count its villages, but the report has no map. Choose the villages' polygon or point layer for a map.</source>
      <translation>Layer desa tidak punya geometri untuk digambar: indikator laporan menghitung desanya, tetapi laporan tidak punya peta. Pilih layer poligon atau titik desa agar ada peta.</translation>
    </message>
    <message>
      <source>OUTPUT_REPORT_FOLDER = {folder} holds {name}, which this tool did not write (its first row is not the report's columns): the report would replace it. Choose another folder, or move {name} away; it is left as it is.</source>
      <translation>OUTPUT_REPORT_FOLDER = {folder} berisi {name}, yang tidak ditulis oleh alat ini (baris pertamanya bukan kolom laporan): laporan akan menimpanya. Pilih folder lain, atau pindahkan {name}; berkas itu dibiarkan apa adanya.</translation>
    </message>
    <message>
      <source>Plan GeoPackage not found: {path}. Import service reports into it first.</source>
      <translation>GeoPackage rencana tidak ditemukan: {path}. Impor laporan layanan ke dalamnya terlebih dahulu.</translation>
    </message>
    <message>
      <source>No service report for {month} in {path}: the report has no site-month. Import that month's reports first ('Import provider service report'), or choose a month with data ({months}).</source>
      <translation>Tidak ada laporan layanan untuk {month} di {path}: laporan tidak berisi satu pun site-bulan. Impor dulu laporan bulan itu ('Impor laporan layanan penyedia'), atau pilih bulan yang ada datanya ({months}).</translation>
    </message>
    <message>
      <source>M&amp;E report written: {path}</source>
      <translation>Laporan monev ditulis: {path}</translation>
    </message>
    <message>
      <source>The status field {field} holds values that are no workflow status: {values} ({n} villages). They are counted as villages without status, not as active. Write one of {statuses} (or its Indonesian label).</source>
      <translation>Field status {field} berisi nilai yang bukan status alur kerja: {values} ({n} desa). Desa tersebut dihitung sebagai desa tanpa status, bukan aktif. Tulis salah satu dari {statuses} (atau label Indonesianya).</translation>
    </message>
    <message>
      <source>Cannot read the monitoring tables of {path}: {error}</source>
      <translation>Tabel pemantauan di {path} tidak dapat dibaca: {error}</translation>
    </message>
    <message>
      <source>any month</source>
      <translation>bulan mana pun</translation>
    </message>
    <message>
      <source>none yet</source>
      <translation>belum ada</translation>
    </message>
    <message>
      <source>Reporting month {month} is not YYYY-MM.</source>
      <translation>Bulan laporan {month} bukan YYYY-MM.</translation>
    </message>
    <message>
      <source>no limit</source>
      <translation>tanpa batas</translation>
    </message>
    <message>
      <source>1 · Village data</source>
      <translation>1 · Data desa</translation>
    </message>
    <message>
      <source>2 · Coverage and blank spots</source>
      <translation>2 · Cakupan dan blank spot</translation>
    </message>
    <message>
      <source>3 · Priorities and sites</source>
      <translation>3 · Prioritas dan lokasi menara</translation>
    </message>
    <message>
      <source>4 · Funding and roadmap</source>
      <translation>4 · Pendanaan dan peta jalan</translation>
    </message>
    <message>
      <source>5 · Monitoring and evaluation</source>
      <translation>5 · Pemantauan dan evaluasi</translation>
    </message>
    <message>
      <source>a raster (e.g. a GeoTIFF)</source>
      <translation>raster (mis. GeoTIFF)</translation>
    </message>
    <message>
      <source>a vector layer (e.g. a GeoPackage or Shapefile)</source>
      <translation>layer vektor (mis. GeoPackage atau Shapefile)</translation>
    </message>
    <message>
      <source>{name} ({desc}): the file {path} does not exist. Choose an existing file.</source>
      <translation>{name} ({desc}): berkas {path} tidak ada. Pilih berkas yang ada.</translation>
    </message>
    <message>
      <source>{name} ({desc}): {path} cannot be read as {what}. Choose a file of that kind.</source>
      <translation>{name} ({desc}): {path} tidak dapat dibaca sebagai {what}. Pilih berkas jenis itu.</translation>
    </message>
    <message>
      <source>Nothing was kept from the failed run: removed {paths}.</source>
      <translation>Tidak ada yang disimpan dari proses yang gagal: dihapus {paths}.</translation>
    </message>
    <message>
      <source>{name} ({desc}): the folder {path} does not exist. Choose an existing folder.</source>
      <translation>{name} ({desc}): folder {path} tidak ada. Pilih folder yang ada.</translation>
    </message>
    <message>
      <source>Unexpected error in {alg}: {error}. Please report it with the log above.</source>
      <translation>Kesalahan tak terduga pada {alg}: {error}. Mohon laporkan beserta log di atas.</translation>
    </message>
    <message>
      <source>{name} ({desc}) = {value} is outside its valid range {lo} to {hi}. Enter a value in that range.</source>
      <translation>{name} ({desc}) = {value} di luar rentang sah {lo} sampai {hi}. Masukkan nilai dalam rentang itu.</translation>
    </message>
    <message>
      <source>{param}: a Shapefile keeps only 10 characters of a field name, so {fields} would be cut and could no longer be read by the next step. Write a GeoPackage (.gpkg) instead.</source>
      <translation>{param}: Shapefile hanya menyimpan 10 karakter nama kolom, sehingga {fields} akan terpotong dan tidak dapat dibaca langkah berikutnya. Tulis GeoPackage (.gpkg) saja.</translation>
    </message>
    <message>
      <source>{name} ({desc}) = '{value}' is not a number. Enter a number between {lo} and {hi}.</source>
      <translation>{name} ({desc}) = '{value}' bukan angka. Masukkan angka antara {lo} dan {hi}.</translation>
    </message>
    <message>
      <source>a tower</source>
      <translation>menara</translation>
    </message>
    <message>
      <source>a point layer of towers (e.g. the output of 'Import towers / sites')</source>
      <translation>layer titik menara (mis. keluaran 'Impor menara / site')</translation>
    </message>
    <message>
      <source>geometry collections</source>
      <translation>koleksi geometri</translation>
    </message>
    <message>
      <source>no geometry (a table)</source>
      <translation>tidak ada geometri (sebuah tabel)</translation>
    </message>
    <message>
      <source>a new site</source>
      <translation>lokasi baru</translation>
    </message>
    <message>
      <source>a point layer of new sites (the OUTPUT_SITES of 'Optimise new sites under a budget')</source>
      <translation>layer titik lokasi baru (OUTPUT_SITES dari 'Optimalkan lokasi baru dalam batas anggaran')</translation>
    </message>
    <message>
      <source>a planned site</source>
      <translation>lokasi rencana</translation>
    </message>
    <message>
      <source>a point layer of planned sites</source>
      <translation>layer titik lokasi rencana</translation>
    </message>
    <message>
      <source>a candidate site</source>
      <translation>kandidat lokasi</translation>
    </message>
    <message>
      <source>a point layer of candidate sites (the output of 'Candidate sites')</source>
      <translation>layer titik kandidat lokasi (keluaran 'Kandidat lokasi')</translation>
    </message>
    <message>
      <source>a fibre node</source>
      <translation>simpul serat optik</translation>
    </message>
    <message>
      <source>a point layer of fibre nodes</source>
      <translation>layer titik simpul serat optik</translation>
    </message>
    <message>
      <source>a kab/kota capital</source>
      <translation>ibu kota kab/kota</translation>
    </message>
    <message>
      <source>a point layer of kab/kota capitals</source>
      <translation>layer titik ibu kota kab/kota</translation>
    </message>
    <message>
      <source>a village office</source>
      <translation>kantor desa</translation>
    </message>
    <message>
      <source>a point layer of village offices</source>
      <translation>layer titik kantor desa</translation>
    </message>
    <message>
      <source>The village layer {name} holds {shape}, not polygons: only village boundaries can be repaired. Give the village boundaries as polygons.</source>
      <translation>Layer desa {name} berisi {shape}, bukan poligon: hanya batas desa yang dapat diperbaiki. Berikan batas desa sebagai poligon.</translation>
    </message>
    <message>
      <source>each feature</source>
      <translation>setiap fitur</translation>
    </message>
    <message>
      <source>a point layer</source>
      <translation>layer titik</translation>
    </message>
    <message>
      <source>{name} ({desc}): {n} feature(s) of the layer {layer} are {shapes}, not points (feature {ids}): {one} is a point, and these would be read as a point on their surface. Delete them from the layer, or select its points and tick 'Selected features only', or give {give}.</source>
      <translation>{name} ({desc}): {n} fitur pada layer {layer} berupa {shapes}, bukan titik (fitur {ids}): {one} adalah titik, dan fitur-fitur itu akan dibaca sebagai satu titik di permukaannya. Hapus fitur-fitur itu dari layer, atau pilih titik-titiknya dan centang 'Selected features only' (hanya fitur terpilih), atau berikan {give}.</translation>
    </message>
    <message>
      <source>points</source>
      <translation>titik</translation>
    </message>
    <message>
      <source>lines</source>
      <translation>garis</translation>
    </message>
    <message>
      <source>polygons</source>
      <translation>poligon</translation>
    </message>
    <message>
      <source>The village layer {name} holds {shape}, not polygons or points: a village is its boundary (polygons) or its office (points). Give the village boundaries as polygons, or the village offices as points.</source>
      <translation>Layer desa {name} berisi {shape}, bukan poligon atau titik: sebuah desa adalah batasnya (poligon) atau kantornya (titik). Berikan batas desa sebagai poligon, atau kantor desa sebagai titik.</translation>
    </message>
    <message>
      <source>{out} = {path} would overwrite the service report {name} imported into PLAN_DB = {db} on {when}, the evidence of the SLA. Choose another file name; the report is left as it is.</source>
      <translation>{out} = {path} akan menimpa laporan layanan {name} yang diimpor ke PLAN_DB = {db} pada {when}, bukti SLA. Pilih nama berkas lain; laporan itu dibiarkan apa adanya.</translation>
    </message>
    <message>
      <source>{name} ({desc}): the layer {layer} has no CRS, so its coordinates cannot be placed (longitude and latitude would be read as metres): set it (Layer Properties &gt; Source, e.g. EPSG:4326 for longitude/latitude or EPSG:32750 for UTM 50S metres), or use a file that declares it.</source>
      <translation>{name} ({desc}): layer {layer} tidak memiliki CRS, sehingga koordinatnya tidak dapat ditempatkan (bujur dan lintang akan dibaca sebagai meter): atur CRS-nya (Properti Layer &gt; Sumber, mis. EPSG:4326 untuk bujur/lintang atau EPSG:32750 untuk meter UTM 50S), atau pakai berkas yang menyatakannya.</translation>
    </message>
    <message>
      <source>{name} ({desc}): the layer {layer} holds {shape}, not points: {one} is a point. Give {give}, or make points first (Vector &gt; Geometry Tools &gt; Centroids) if the points of these shapes are what you mean.</source>
      <translation>{name} ({desc}): layer {layer} berisi {shape}, bukan titik: {one} adalah titik. Berikan {give}, atau buat titik terlebih dahulu (Vektor &gt; Alat Geometri &gt; Centroid) bila titik dari bentuk-bentuk ini yang Anda maksud.</translation>
    </message>
    <message>
      <source>Feature {fid} ({code}) has an invalid geometry ({error}): {step}, and the roadmap will stop on it. Run 'Repair village geometries' and use its output.</source>
      <translation>Fitur {fid} ({code}) memiliki geometri tidak valid ({error}): {step}, dan roadmap akan berhenti padanya. Jalankan 'Perbaiki geometri desa' dan pakai hasilnya.</translation>
    </message>
    <message>
      <source>Village code {code} is used by features {fids}: the roadmap refuses duplicate codes. Correct the codes or remove the extra features ('Check village layer' lists them).</source>
      <translation>Kode desa {code} dipakai oleh fitur {fids}: roadmap menolak kode ganda. Perbaiki kodenya atau hapus fitur yang berlebih ('Periksa layer desa' mendaftarnya).</translation>
    </message>
    <message>
      <source>{n} more such problems: run 'Check village layer' for the full list.</source>
      <translation>{n} masalah serupa lainnya: jalankan 'Periksa layer desa' untuk daftar lengkapnya.</translation>
    </message>
    <message>
      <source>{out} = {path} would overwrite a service report of that name ({name}) imported into PLAN_DB = {db} on {when}, the evidence of the SLA (no checksum was recorded for that import, so its name is what identifies it). Choose another file name; the report is left as it is.</source>
      <translation>{out} = {path} akan menimpa laporan layanan bernama sama ({name}) yang diimpor ke PLAN_DB = {db} pada {when}, bukti SLA (impor itu tidak mencatat checksum, jadi namanya yang menandainya). Pilih nama berkas lain; laporan itu dibiarkan apa adanya.</translation>
    </message>
    <message>
      <source>Radio values have one range in every tool (importsites, coverage, candidates, optimizesites, choosetech): an antenna height 1–300 m, a frequency 30–6000 MHz (in a site layer a value below 30 is read as GHz), an EIRP 0–90 dBm. A value outside, given as a parameter or in a site or candidate layer, is refused, naming the parameter or the site. A layer without a CRS is refused too (its coordinates would be read in another CRS): set it in Layer Properties &gt; Source.</source>
      <translation>Nilai radio memiliki satu rentang di setiap alat (importsites, coverage, candidates, optimizesites, choosetech): tinggi antena 1–300 m, frekuensi 30–6000 MHz (di layer menara, nilai di bawah 30 dibaca sebagai GHz), EIRP 0–90 dBm. Nilai di luar rentang, baik sebagai parameter maupun di layer menara atau kandidat, ditolak dengan menyebut parameternya atau menaranya. Layer tanpa CRS juga ditolak (koordinatnya akan dibaca dalam CRS lain): atur di Properti Layer &gt; Sumber.</translation>
    </message>
    <message>
      <source>Check village layer</source>
      <translation>Periksa layer desa</translation>
    </message>
    <message>
      <source>Detects the village fields (Kemendagri, BIG-RBI or BPS naming) and reports every defect: missing, malformed, duplicate or out-of-province codes, missing names or population, empty or invalid geometries, a missing CRS, and, with a DEM, the overlap and the DEM's nodata share. Each finding names the feature id and code and says how to fix it. The input layer is never modified. Leave the field parameters empty to auto-detect them.</source>
      <translation>Mendeteksi kolom desa (penamaan Kemendagri, BIG-RBI atau BPS) dan melaporkan setiap cacat: kode yang hilang, salah format, ganda atau di luar provinsi, nama atau penduduk yang kosong, geometri kosong atau tidak valid, CRS yang hilang, dan, bila ada DEM, tampalan dengan DEM serta porsi nodata-nya. Setiap temuan menyebut ID fitur dan kodenya serta cara memperbaikinya. Layer masukan tidak pernah diubah. Kosongkan parameter kolom agar terdeteksi otomatis.</translation>
    </message>
    <message>
      <source>Choose connection technology</source>
      <translation>Pilih teknologi koneksi</translation>
    </message>
    <message>
      <source>Classify villages (covered / partial / blank spot)</source>
      <translation>Klasifikasi desa (tercakup / sebagian / blank spot)</translation>
    </message>
    <message>
      <source>Classifies each village with a coverage raster (best signal in dBm, or a line-of-sight count). cov_share is the share of the village's raster cells at or above THRESHOLD_DBM (line of sight: at least one site visible); nodata cells count as not covered and their share is in nodata_share. status is covered when cov_share &gt;= COVERED_SHARE, partial when &gt;= PARTIAL_SHARE, else blank_spot. With OFFICES (joined by village code), the office decides the edge cases: a village whose office has no signal cannot be covered (it becomes partial), a village whose office has signal is not a blank spot (it becomes partial); see status_note. best_dbm is the best signal in the village, office_dbm the signal at the office, pop_covered = population x cov_share (an estimate). A village given as a point uses the cell under the point. With REPORTED_FIELD (e.g. Podes R705D: 4G, 3G, 2G, tidak ada) the tool adds agreement (agree / model_more / model_less) and a confusion table. Villages and raster may be in different CRSs.</source>
      <translation>Mengklasifikasikan setiap desa dengan raster cakupan (sinyal terbaik dalam dBm, atau jumlah site dalam garis pandang). cov_share adalah bagian sel raster desa yang bernilai sama dengan atau di atas THRESHOLD_DBM (garis pandang: minimal satu site terlihat); sel nodata dihitung tidak tercakup dan bagiannya ada di nodata_share. status bernilai covered jika cov_share &gt;= COVERED_SHARE, partial jika &gt;= PARTIAL_SHARE, selain itu blank_spot. Dengan OFFICES (digabung berdasarkan kode desa), kantor desa menentukan kasus batas: desa yang kantornya tanpa sinyal tidak dapat berstatus covered (menjadi partial), desa yang kantornya bersinyal bukan blank spot (menjadi partial); lihat status_note. best_dbm adalah sinyal terbaik di desa, office_dbm sinyal di kantor desa, pop_covered = penduduk x cov_share (perkiraan). Desa berupa titik memakai sel di bawah titik tersebut. Dengan REPORTED_FIELD (mis. Podes R705D: 4G, 3G, 2G, tidak ada) alat ini menambahkan agreement (agree / model_more / model_less) dan tabel konfusi. Desa dan raster boleh memakai CRS yang berbeda.</translation>
    </message>
    <message>
      <source>Compare two scenarios</source>
      <translation>Bandingkan dua skenario</translation>
    </message>
    <message>
      <source>Puts two roadmaps side by side (e.g. the same plan under two funding tables, capacities or budgets): villages and people connected per year, cost per person connected by kab/kota and by technology (CAPEX plus the OPEX funded within the horizon, over the people of the villages connected), villages planned, scheduled, unfunded and over capacity, the people each leaves without a connection, CAPEX, OPEX and the OPEX still running after the horizon. Give each roadmap's village output (and its 'Budget by year and source' table, for the OPEX per year). The output table has one row per figure: section, key, value A, value B and B - A.</source>
      <translation>Menyandingkan dua roadmap (mis. rencana yang sama dengan dua tabel sumber dana, kapasitas atau anggaran): desa dan penduduk tersambung per tahun, biaya per penduduk tersambung menurut kab/kota dan teknologi (CAPEX ditambah OPEX yang didanai dalam horizon, dibagi penduduk desa yang tersambung), desa yang direncanakan, terjadwal, belum terdanai dan melebihi kapasitas, penduduk yang belum tersambung, CAPEX, OPEX dan OPEX yang masih berjalan setelah horizon. Berikan keluaran desa setiap roadmap (dan tabel 'Anggaran per tahun dan sumber'-nya, untuk OPEX per tahun). Tabel keluaran berisi satu baris per angka: bagian, kunci, nilai A, nilai B dan B - A.</translation>
    </message>
    <message>
      <source>Compute coverage (blank-spot map)</source>
      <translation>Hitung cakupan (peta blank spot)</translation>
    </message>
    <message>
      <source>Create planned-sites layer</source>
      <translation>Buat layer menara rencana</translation>
    </message>
    <message>
      <source>Creates an empty point layer for planned tower sites in a GeoPackage (the file is created if missing, other layers in it are kept). Fields: site_id, operator, tech, height_m, freq_mhz, eirp_dbm, status, cost_idr, land_status, note. The attribute form has Indonesian labels, drop-down lists for technology, operator, status and land status, height/EIRP/frequency boxes with units, defaults per technology (4G: 35 m, 900 MHz, 60 dBm) and rules that refuse impossible values (height 10–120 m, EIRP 30–70 dBm, frequency 450–3800 MHz, technology required). The form is saved in the GeoPackage as the layer's default style. An existing layer of the same name is only replaced with OVERWRITE.</source>
      <translation>Membuat layer titik kosong untuk lokasi menara rencana di dalam GeoPackage (berkas dibuat bila belum ada, layer lain di dalamnya tetap). Kolom: site_id, operator, tech, height_m, freq_mhz, eirp_dbm, status, cost_idr, land_status, note. Formulir atribut berlabel bahasa Indonesia, dengan daftar pilihan untuk teknologi, operator, status dan status lahan, kotak tinggi/EIRP/frekuensi dengan satuan, nilai bawaan per teknologi (4G: 35 m, 900 MHz, 60 dBm) dan aturan yang menolak nilai mustahil (tinggi 10–120 m, EIRP 30–70 dBm, frekuensi 450–3800 MHz, teknologi wajib). Formulir disimpan di GeoPackage sebagai gaya bawaan layer. Layer lain dengan nama yang sama hanya diganti bila OVERWRITE dicentang.</translation>
    </message>
    <message>
      <source>Copy plan from PostGIS to GeoPackage</source>
      <translation>Salin rencana dari PostGIS ke GeoPackage</translation>
    </message>
    <message>
      <source>Copies a plan published in PostGIS (all layers, tables, styles, status history and audit log) into a GeoPackage, from one consistent snapshot of the database. The new file is compared with the database (row counts and checksums of every table) and only then written over OUTPUT_GPKG. The team-editing columns (row_version, modified_at, modified_by) stay in the database; the audit log keeps who changed what.</source>
      <translation>Menyalin rencana yang dipublikasikan di PostGIS (semua layer, tabel, gaya, riwayat status dan log audit) ke sebuah GeoPackage, dari satu potret basis data yang konsisten. Berkas baru dibandingkan dengan basis data (jumlah baris dan checksum setiap tabel) dan baru kemudian ditulis ke OUTPUT_GPKG. Kolom penyuntingan tim (row_version, modified_at, modified_by) tetap di basis data; log audit mencatat siapa mengubah apa.</translation>
    </message>
    <message>
      <source>Full plan (every step, one run)</source>
      <translation>Rencana lengkap (semua langkah, sekali jalan)</translation>
    </message>
    <message>
      <source>Import provider service report</source>
      <translation>Impor laporan layanan penyedia</translation>
    </message>
    <message>
      <source>Imports a provider's monthly or daily service report (CSV or XLSX) into the plan GeoPackage (tables mon_reports, mon_outages, mon_imports). Each row needs a site or village code and a period (YYYY-MM or YYYY-MM-DD) plus uptime, an outage (start, end, cause), active users, speeds, latency or a power-outage flag; Indonesian column names are recognised. Rows with errors or unknown codes are rejected with their spreadsheet row number and the reason (optionally written to a CSV). All good rows are written in one transaction: a failure or a cancel leaves the GeoPackage as it was. Rows already imported are counted as duplicates; a different value for the same code and period is a conflict and is never overwritten.</source>
      <translation>Mengimpor laporan layanan bulanan atau harian dari penyedia (CSV atau XLSX) ke GeoPackage rencana (tabel mon_reports, mon_outages, mon_imports). Setiap baris memerlukan kode site atau desa dan periode (YYYY-MM atau YYYY-MM-DD) serta uptime, gangguan (mulai, selesai, penyebab), pengguna aktif, kecepatan, latensi atau tanda padam listrik; nama kolom berbahasa Indonesia dikenali. Baris yang salah atau berkode tidak dikenal ditolak beserta nomor baris spreadsheet dan alasannya (opsional ditulis ke CSV). Semua baris yang benar ditulis dalam satu transaksi: kegagalan atau pembatalan membuat GeoPackage tetap seperti semula. Baris yang sudah pernah diimpor dihitung sebagai duplikat; nilai berbeda untuk kode dan periode yang sama adalah konflik dan tidak pernah ditimpa.</translation>
    </message>
    <message>
      <source>Import programme status</source>
      <translation>Impor status program</translation>
    </message>
    <message>
      <source>Joins the free-internet programme's list of villages (CSV or XLSX as offices save them: semicolons, '1.500.000', dd-mm-yyyy) onto the village layer, by Kemendagri or BPS code, else by village name + kecamatan. Columns are found by name: kode_desa, nama_desa, kecamatan, terhubung (ya/tidak), teknologi (fibre service such as IndiHome/Astinet/Icon+, FWA/Orbit, Starlink/VSAT, radio), penyedia, biaya_bulanan (Rp a month), sejak, kontrak_berakhir. The output keeps every village field and adds prog_connected, prog_tech, prog_provider, prog_fee_idr_month, prog_since, prog_contract_end, prog_renewal_due and prog_in_scope. SCOPE: the programme covers desa only (kelurahan are handled by their kab/kota) or every village. Rows that match no village, a village given twice, a contract that ended before AS_OF (its renewal is due), an unknown technology or fee are reported with their spreadsheet row in the log and in OUTPUT_REPORT. The plan then connects only what remains: choosetech keeps the service of connected villages (their OPEX continues) and offers satellite villages a migration to fibre.</source>
      <translation>Menggabungkan daftar desa program internet gratis (CSV atau XLSX sebagaimana kantor menyimpannya: titik koma, '1.500.000', dd-mm-yyyy) ke layer desa, menurut kode Kemendagri atau BPS, atau nama desa + kecamatan. Kolom dikenali dari namanya: kode_desa, nama_desa, kecamatan, terhubung (ya/tidak), teknologi (layanan serat optik seperti IndiHome/Astinet/Icon+, FWA/Orbit, Starlink/VSAT, radio), penyedia, biaya_bulanan (Rp per bulan), sejak, kontrak_berakhir. Keluaran menyimpan semua kolom desa dan menambahkan prog_connected, prog_tech, prog_provider, prog_fee_idr_month, prog_since, prog_contract_end, prog_renewal_due dan prog_in_scope. SCOPE: program mencakup desa saja (kelurahan ditangani kab/kotanya) atau semua desa/kelurahan. Baris yang tidak cocok dengan desa mana pun, desa yang tercantum dua kali, kontrak yang berakhir sebelum AS_OF (perpanjangannya jatuh tempo), teknologi atau biaya yang tidak dikenal dilaporkan beserta nomor barisnya di log dan di OUTPUT_REPORT. Rencana lalu hanya menyambungkan yang tersisa: choosetech mempertahankan layanan desa yang sudah tersambung (OPEX-nya berlanjut) dan menawarkan migrasi ke serat optik bagi desa satelit.</translation>
    </message>
    <message>
      <source>Import towers / sites</source>
      <translation>Impor menara / site</translation>
    </message>
    <message>
      <source>Reads an OpenCelliD export, a site list (e.g. the BAKTI 4G programme) or a point layer of towers and writes one point layer in EPSG:4326 with normalised fields: site_id, operator, tech (2G/3G/4G/5G), height_m, freq_mhz, eirp_dbm, status, source and defaulted (the fields that took the per-technology default). INPUT is a CSV file, a GeoPackage/Shapefile point layer, or a layer of the project. OpenCelliD cells of the same operator (MCC 510 + MNC) closer than MERGE_DISTANCE_M are merged into one site. Columns are recognised by name (Indonesian or English); use the field parameters to override. Rows that cannot be used (no or impossible coordinates, outside Kalimantan Timur, unknown technology, duplicate id) are listed in the log with their row number (the header is row 1; for layers, the feature id) and can be written to OUTPUT_REJECTS.</source>
      <translation>Membaca ekspor OpenCelliD, daftar site (mis. program BAKTI 4G) atau layer titik menara, lalu menulis satu layer titik dalam EPSG:4326 dengan kolom baku: site_id, operator, tech (2G/3G/4G/5G), height_m, freq_mhz, eirp_dbm, status, source dan defaulted (kolom yang memakai nilai bawaan per teknologi). INPUT berupa file CSV, layer titik GeoPackage/Shapefile, atau layer di proyek. Sel OpenCelliD dari operator yang sama (MCC 510 + MNC) yang berjarak kurang dari MERGE_DISTANCE_M digabung menjadi satu site. Kolom dikenali dari namanya (bahasa Indonesia atau Inggris); gunakan parameter kolom untuk menggantinya. Baris yang tidak dapat dipakai (tanpa koordinat atau koordinat mustahil, di luar Kalimantan Timur, teknologi tidak dikenal, ID ganda) dicantumkan di log dengan nomor barisnya (header adalah baris 1; untuk layer, ID fitur) dan dapat ditulis ke OUTPUT_REJECTS.</translation>
    </message>
    <message>
      <source>Optimise new sites under a budget</source>
      <translation>Optimalkan lokasi baru dalam batas anggaran</translation>
    </message>
    <message>
      <source>Prioritise villages</source>
      <translation>Prioritaskan desa</translation>
    </message>
    <message>
      <source>Scores every village 0–100 from weighted criteria and ranks them (rank 1 = first). Criteria: population, blank_spot (status covered / partial / blank_spot from 'Classify villages'), idm (IDM score or class; more deprived = higher), facilities (schools + health posts), remoteness (distance to the nearest kab/kota capital when a capital layer is given, else to the nearest covered village) and readiness (electricity, trained cadres). Give WEIGHTS as 'population=0.3,blank_spot=0.3,idm=0.2,facilities=0.1,remoteness=0.1' or choose a PRESET (WEIGHTS wins when given). A criterion whose field is missing is skipped with a warning and the other weights are rescaled. The output keeps every input field and adds priority_score, priority_rank and one c_&lt;criterion&gt; field per criterion (the contributions add up to the score). Distances are computed in a metric CRS (the layer's when it is projected, else EPSG:32750).</source>
      <translation>Memberi skor 0–100 kepada setiap desa dari kriteria berbobot dan memeringkatnya (peringkat 1 = pertama). Kriteria: population (penduduk), blank_spot (status covered / partial / blank_spot dari 'Klasifikasi desa'), idm (skor atau kelas IDM; makin tertinggal = makin tinggi), facilities (sekolah + fasilitas kesehatan), remoteness (jarak ke ibu kota kab/kota terdekat bila layer ibu kota diberikan, selain itu ke desa tercakup terdekat) dan readiness (listrik, kader terlatih). Isi WEIGHTS seperti 'population=0.3,blank_spot=0.3,idm=0.2,facilities=0.1,remoteness=0.1' atau pilih PRESET (WEIGHTS diutamakan bila diisi). Kriteria yang kolomnya tidak ada dilewati dengan peringatan dan bobot lainnya diskalakan ulang. Keluaran mempertahankan semua kolom masukan dan menambahkan priority_score, priority_rank dan satu kolom c_&lt;kriteria&gt; per kriteria (kontribusinya berjumlah sama dengan skor). Jarak dihitung dalam CRS metrik (CRS layer bila terproyeksi, selain itu EPSG:32750).</translation>
    </message>
    <message>
      <source>Publish plan to PostGIS</source>
      <translation>Publikasikan rencana ke PostGIS</translation>
    </message>
    <message>
      <source>Copies every layer and table of a plan GeoPackage (villages, sites, planned sites, funding, roadmap, status history, monitoring, styles) into a schema of a PostgreSQL/PostGIS database, so that a team can edit it at the same time. CONNECTION is the name of a PostgreSQL connection saved in QGIS (Browser &gt; PostgreSQL); its password stays in the QGIS authentication database. The copy is one transaction and is compared with the source (row counts and checksums of every table) before it is committed: if the server stops or anything differs, nothing is saved. OVERWRITE replaces an existing plan in the schema.</source>
      <translation>Menyalin setiap layer dan tabel GeoPackage rencana (desa, menara, rencana menara, pendanaan, peta jalan, riwayat status, pemantauan, gaya) ke sebuah skema basis data PostgreSQL/PostGIS, agar satu tim dapat menyuntingnya bersamaan. CONNECTION adalah nama koneksi PostgreSQL yang tersimpan di QGIS (Browser &gt; PostgreSQL); kata sandinya tetap di basis data autentikasi QGIS. Penyalinan berlangsung dalam satu transaksi dan dibandingkan dengan sumbernya (jumlah baris dan checksum setiap tabel) sebelum disahkan: jika server berhenti atau ada yang berbeda, tidak ada yang disimpan. OVERWRITE mengganti rencana yang sudah ada di skema tersebut.</translation>
    </message>
    <message>
      <source>Repair village geometries</source>
      <translation>Perbaiki geometri desa</translation>
    </message>
    <message>
      <source>Writes a new layer in which every invalid geometry is repaired (GEOS makeValid). The input layer is never changed. REPAIRED_COUNT says how many features were repaired; their feature ids are listed in the log.</source>
      <translation>Menulis layer baru yang setiap geometri tidak validnya telah diperbaiki (GEOS makeValid). Layer masukan tidak pernah diubah. REPAIRED_COUNT menyebut jumlah fitur yang diperbaiki; ID fiturnya tercantum di log.</translation>
    </message>
    <message>
      <source>Build multi-year roadmap</source>
      <translation>Susun roadmap multi-tahun</translation>
    </message>
    <message>
      <source>Schedules every village of the plan (from 'Choose technology': tech, capex_idr, opex_idr_year, priority_rank) over the years of the roadmap, in priority order, into the earliest year in which its CAPEX and its OPEX for the following years can be paid by eligible funding sources without exceeding any yearly or per-village cap. Sources are spent in their order (default: BAKTI/USO, operator co-investment, Dana Desa, APBD Kabupaten/Kota, APBD Provinsi). Villages that cannot be funded are marked 'unfunded' with the reason. Also builds the year × source budget table, the training plan for village digital cadres, the operator packages (optionally one CSV per operator in a folder) and, with an existing tower layer, the list of planned BTS within the sharing distance of another operator's tower (measured from each planned tower when the planned sites of 'Optimise new sites' are given as PLANNED_SITES, else from each BTS village's own point). The funding table is a CSV, JSON or GeoPackage file (table funding_sources); leave it empty for the default planning assumptions. Leave the field parameters empty to use the standard field names (kode, population, tech, capex_idr, opex_idr_year, priority_rank, …).</source>
      <translation>Menjadwalkan setiap desa dalam rencana (dari 'Pilih teknologi': tech, capex_idr, opex_idr_year, priority_rank) selama tahun-tahun roadmap, menurut urutan prioritas, pada tahun paling awal ketika CAPEX dan OPEX tahun-tahun berikutnya dapat dibayar oleh sumber dana yang memenuhi syarat tanpa melampaui pagu tahunan atau pagu per desa. Sumber dana dipakai sesuai urutannya (bawaan: BAKTI/USO, co-investment operator, Dana Desa, APBD Kabupaten/Kota, APBD Provinsi). Desa yang tidak dapat didanai ditandai 'unfunded' (belum terdanai) beserta alasannya. Juga menyusun tabel anggaran tahun × sumber, rencana pelatihan kader digital desa, paket per operator (opsional satu CSV per operator dalam sebuah folder) dan, bila ada layer menara eksisting, daftar BTS rencana yang berada dalam jarak berbagi dari menara operator lain (diukur dari setiap menara rencana bila lokasi rencana dari 'Optimalkan lokasi baru' diberikan sebagai PLANNED_SITES, bila tidak dari titik setiap desa BTS). Tabel sumber dana berupa berkas CSV, JSON atau GeoPackage (tabel funding_sources); kosongkan untuk asumsi perencanaan bawaan. Kosongkan parameter kolom untuk memakai nama kolom standar (kode, population, tech, capex_idr, opex_idr_year, priority_rank, …).</translation>
    </message>
    <message>
      <source>Set up the team database (PostGIS)</source>
      <translation>Siapkan basis data tim (PostGIS)</translation>
    </message>
    <message>
      <source>Prepares a PostGIS database for a team: creates the roles kaltim_viewer (read only), kaltim_editor (edit the plan) and kaltim_admin (owns the plan, can upgrade it), creates or upgrades the plan schema, installs the edit-conflict check, the audit log and the status history triggers, and one role per kab/kota found in the villages (kaltim_kab_6401, ...) whose members may only edit the villages of their own kab/kota (row-level security). Safe to run again. Run it with an administrator connection (superuser or CREATEROLE), then grant the roles to each person's login.</source>
      <translation>Menyiapkan basis data PostGIS untuk satu tim: membuat peran kaltim_viewer (hanya baca), kaltim_editor (menyunting rencana) dan kaltim_admin (pemilik rencana, dapat memutakhirkannya), membuat atau memutakhirkan skema rencana, memasang pemeriksaan konflik suntingan, log audit dan trigger riwayat status, serta satu peran per kab/kota yang ada di data desa (kaltim_kab_6401, ...) yang anggotanya hanya boleh menyunting desa di kab/kota sendiri (keamanan tingkat baris). Aman dijalankan ulang. Jalankan dengan koneksi administrator (superuser atau CREATEROLE), lalu berikan peran tersebut ke login setiap orang.</translation>
    </message>
    <message>
      <source>SLA report and monthly M&amp;E report</source>
      <translation>Laporan SLA dan laporan monev bulanan</translation>
    </message>
    <message>
      <source>Computes the monthly availability of every site from the imported reports and outage logs of the plan GeoPackage: outages caused by mains power (PLN) are excluded, outages of MIN_OUTAGE_S seconds or less are ignored, overlapping outages are merged and outages spanning months are split; availability below TARGET_PCT entitles to restitution. When a site has no outage log for a month its reported uptime is used. Outputs the SLA table, a scorecard per provider and flags: 'consider another provider' after CONSECUTIVE_MONTHS months below target in a row, and villages with zero usage. With a report folder it also writes the monthly M&amp;E report: CSV files and a PDF (with a map of the villages by status when a village layer is given).</source>
      <translation>Menghitung ketersediaan bulanan setiap site dari laporan dan log gangguan yang diimpor ke GeoPackage rencana: gangguan akibat listrik PLN dikecualikan, gangguan MIN_OUTAGE_S detik atau kurang diabaikan, gangguan yang tumpang tindih digabung dan gangguan yang melewati pergantian bulan dibagi; ketersediaan di bawah TARGET_PCT berhak atas restitusi. Bila site tidak memiliki log gangguan pada suatu bulan, uptime yang dilaporkan dipakai. Keluaran: tabel SLA, rapor (scorecard) per penyedia dan penanda: 'pertimbangkan penyedia lain' setelah CONSECUTIVE_MONTHS bulan berturut-turut di bawah target, serta desa tanpa pemakaian. Dengan folder laporan juga ditulis laporan monev bulanan: berkas CSV dan PDF (dengan peta desa menurut status bila layer desa diberikan).</translation>
    </message>
    <message>
      <source>Builds candidate sites for new towers around the villages that are not covered (status other than covered; all villages when there is no status field): the village offices (kind office), hilltops within HILLTOP_RADIUS_M of those offices (kind hilltop: the highest cell within NEIGHBOURHOOD_M that stands at least MIN_PROMINENCE_M above the lowest cell around it; the DEM is read window by window around each village) and existing towers within COLO_MAX_KM (kind colo: co-location, cheaper). The cost of a new tower is the cost table's bts_4g_3t CAPEX; co-location costs its 'colo' row, else the 4G booster row. Output points (in a metric CRS): cand_id, kind, cost_idr, elev_m, village_code, operator, height_m, prominence_m — ready for 'Optimise sites'.</source>
      <translation>Membuat kandidat lokasi menara baru di sekitar desa yang belum tercakup (status selain covered; semua desa bila tidak ada kolom status): kantor desa (jenis office), puncak bukit dalam HILLTOP_RADIUS_M dari kantor tersebut (jenis hilltop: sel tertinggi dalam NEIGHBOURHOOD_M yang setidaknya MIN_PROMINENCE_M lebih tinggi dari sel terendah di sekitarnya; DEM dibaca per jendela di sekitar tiap desa) dan menara eksisting dalam COLO_MAX_KM (jenis colo: kolokasi, lebih murah). Biaya menara baru adalah CAPEX baris bts_4g_3t pada tabel biaya; kolokasi memakai baris 'colo', atau baris menara penguat 4G. Titik keluaran (dalam CRS metrik): cand_id, kind, cost_idr, elev_m, village_code, operator, height_m, prominence_m — siap untuk 'Optimalkan lokasi'.</translation>
    </message>
    <message>
      <source>Chooses for every village office the cheapest feasible connection over the horizon (CAPEX + years × OPEX): fibre (a fibre node within FIBRE_MAX_KM), fwa (4G router: the office is inside coverage — COVERAGE raster value ≥ THRESHOLD_DBM, or ≥ 1 for a line-of-sight raster; without a raster the office_dbm or status field is used), radio (radio link: line of sight from one of the five nearest existing towers within RADIO_MAX_KM, computed on the DEM with the coverage engine), colo (4G equipment co-located on an existing tower, shared by the uncovered offices within COLO_MAX_KM), bts (a new 4G BTS shared by at least BTS_MIN_CLUSTER uncovered villages within BTS_CLUSTER_RADIUS_KM) or satellite (always feasible). Polygons use a point on the surface as the office. The operator of fwa villages is the operator of the nearest existing tower, of colo villages the operator of the tower used. Costs come from the default cost table (sourced, see the user guide) or from a CSV/JSON file with the same columns. The output keeps every input field and adds tech, capex_idr, opex_idr_year, reason and operator.</source>
      <translation>Memilih untuk setiap kantor desa koneksi layak termurah selama horizon (CAPEX + tahun × OPEX): fibre (simpul serat optik dalam FIBRE_MAX_KM), fwa (router 4G: kantor berada dalam cakupan — nilai raster COVERAGE ≥ THRESHOLD_DBM, atau ≥ 1 untuk raster garis pandang; tanpa raster dipakai kolom office_dbm atau status), radio (radio link: garis pandang dari salah satu dari lima menara terdekat dalam RADIO_MAX_KM, dihitung pada DEM dengan mesin cakupan), colo (perangkat 4G yang dikolokasikan pada menara eksisting, dipakai bersama oleh kantor desa tanpa sinyal dalam COLO_MAX_KM), bts (BTS 4G baru dipakai bersama oleh setidaknya BTS_MIN_CLUSTER desa tanpa sinyal dalam BTS_CLUSTER_RADIUS_KM) atau satellite (selalu layak). Poligon memakai titik di permukaan sebagai kantor. Operator desa fwa adalah operator menara terdekat, operator desa colo adalah operator menara yang dipakai. Biaya berasal dari tabel biaya bawaan (bersumber, lihat panduan pengguna) atau dari file CSV/JSON dengan kolom yang sama. Keluaran mempertahankan semua kolom masukan dan menambahkan tech, capex_idr, opex_idr_year, reason dan operator.</translation>
    </message>
    <message>
      <source>Computes the signal of every site over the terrain, on the DEM grid. SITES: tower points in any CRS (transformed to the DEM's CRS); per-site fields used when present: site_id, height_m (antenna height above ground), freq_mhz, eirp_dbm; missing values take the defaults of the site's tech (2G: 30 m, 900 MHz, 58 dBm; 3G: 30 m, 2100 MHz, 58 dBm; 4G: 35 m, 900 MHz, 60 dBm; 5G: 30 m, 2300 MHz, 62 dBm; no tech: 4G), the log says how many sites used defaults. DEM: elevation in metres in a projected CRS; a DEM in degrees is reprojected to its UTM zone first (said in the log). MODEL: 'los' = line of sight with GDAL's viewshed (earth curvature with 1/k), the output holds the number of sites in line of sight; 'p526' = ITU-R P.526 §4.5.2 (= P.452 delta-Bullington), the complete method: free-space loss plus Bullington diffraction with its correction on the terrain profile, minus the same on the smooth profile, plus the spherical-earth loss (earth radius k x 6371 km); it agrees with pycraf's P.452 to 0.0001 dB; valid for VHF and above and paths up to some tens of km (obstacles narrower than a DEM cell are missed); 'p526_bullington' = the uncorrected Bullington part only (optimistic, by name only); 'hata' = Okumura-Hata (150-1500 MHz) / COST-231 (1500-2000 MHz), rural, terrain ignored, valid for 1-20 km, antenna 30-200 m, receiver 1-10 m. For dBm the output holds the best signal (dBm) at RX_HEIGHT; typical 4G RSRP-like reading: &gt;= -100 good, -110 edge of coverage, &lt;= -120 none. Nodata = no site within MAX_RADIUS_M (or no elevation). RESOLUTION (p526 only): the diffraction loss is computed along rays from each site and interpolated between rays for every cell; free-space loss always uses each cell's own distance. 'fast' (default) casts rays 180 m apart at the radius and samples every 360 m (2 and 4 cells of a 90 m DEM, never finer), keeping the ridge crests between samples, and refines the loss onto receivers every 90 m: 0.26 dB mean difference from 'exact' on ridge-heavy terrain (p99 2.9 dB, both ways; latest bench), 0.8 (30 m DEM) to 2.5 (90 m) times the time of GDAL's viewshed with numba, 1.8 to 6 without; 'fine' samples every 180 m: 0.19 dB mean, p99 2.3 dB; 'exact' uses one ray and one sample per cell, the reference. OUTPUT_SERVER (optional): index of the serving (strongest) site, see SERVER_IDS. Sites outside the DEM are skipped and listed in the log.</source>
      <translation>Menghitung sinyal setiap site di atas medan, pada grid DEM. SITES: titik menara dalam CRS apa pun (ditransformasikan ke CRS DEM); kolom per site yang dipakai bila ada: site_id, height_m (tinggi antena di atas tanah), freq_mhz, eirp_dbm; nilai yang kosong memakai nilai bawaan menurut teknologi site (2G: 30 m, 900 MHz, 58 dBm; 3G: 30 m, 2100 MHz, 58 dBm; 4G: 35 m, 900 MHz, 60 dBm; 5G: 30 m, 2300 MHz, 62 dBm; tanpa teknologi: 4G), log menyebutkan berapa site yang memakai nilai bawaan. DEM: ketinggian dalam meter pada CRS terproyeksi; DEM dalam derajat diproyeksikan ulang lebih dulu ke zona UTM-nya (disebutkan di log). MODEL: 'los' = garis pandang dengan viewshed GDAL (kelengkungan bumi dengan 1/k), keluaran berisi jumlah site dalam garis pandang; 'p526' = ITU-R P.526 §4.5.2 (= delta-Bullington P.452), metode lengkap: redaman ruang bebas ditambah difraksi Bullington dengan koreksinya pada profil medan, dikurangi hal yang sama pada profil halus, ditambah redaman bumi bulat (jari-jari bumi k x 6371 km); sesuai dengan P.452 pycraf hingga 0,0001 dB; berlaku untuk VHF ke atas dan lintasan hingga beberapa puluh km (penghalang yang lebih sempit dari sel DEM terlewat); 'p526_bullington' = bagian Bullington saja tanpa koreksi (optimistis, hanya bila diminta dengan namanya); 'hata' = Okumura-Hata (150-1500 MHz) / COST-231 (1500-2000 MHz), pedesaan, medan diabaikan, berlaku untuk 1-20 km, antena 30-200 m, penerima 1-10 m. Untuk dBm keluaran berisi sinyal terbaik (dBm) pada RX_HEIGHT; pembacaan tipikal ala RSRP 4G: &gt;= -100 baik, -110 tepi cakupan, &lt;= -120 tidak ada. Nodata = tidak ada site dalam MAX_RADIUS_M (atau tidak ada ketinggian). RESOLUTION (hanya p526): redaman difraksi dihitung sepanjang sinar dari setiap site dan diinterpolasi di antara sinar untuk setiap sel; redaman ruang bebas selalu memakai jarak sel itu sendiri. 'fast' (bawaan) memancarkan sinar berjarak 180 m pada radius dan mengambil sampel setiap 360 m (2 dan 4 sel pada DEM 90 m, tidak pernah lebih rapat), dengan puncak punggung bukit di antara sampel tetap dipertahankan, lalu menghitung ulang redaman untuk penerima setiap 90 m: selisih rata-rata 0,26 dB dari 'exact' pada medan berpunggung bukit (p99 2,9 dB, ke dua arah; bench terakhir), 0,8 (DEM 30 m) sampai 2,5 (90 m) kali waktu viewshed GDAL dengan numba, 1,8 sampai 6 tanpa numba; 'fine' mengambil sampel setiap 180 m: rata-rata 0,19 dB, p99 2,3 dB; 'exact' memakai satu sinar dan satu sampel per sel, sebagai acuan. OUTPUT_SERVER (opsional): indeks site yang melayani (terkuat), lihat SERVER_IDS. Site di luar DEM dilewati dan dicantumkan di log.</translation>
    </message>
    <message>
      <source>EXTRA_LOSS_DB: a clutter / foliage margin added to every path loss (dBm models only), for what the bare-terrain model does not see: tropical forest canopy 10-20 dB, buildings, the user's body. 0 = terrain only.</source>
      <translation>EXTRA_LOSS_DB: margin clutter / vegetasi yang ditambahkan pada setiap redaman lintasan (hanya model dBm), untuk hal yang tidak terlihat oleh model medan saja: kanopi hutan tropis 10-20 dB, bangunan, tubuh pengguna. 0 = medan saja.</translation>
    </message>
    <message>
      <source>LAND_COVER (optional): a land-cover raster (ESA WorldCover classes by default, any CRS and resolution, resampled nearest to the DEM grid) whose class gives each cell's clutter height and distance (CLUTTER_TABLE, a CSV with columns class, clutter_height_m, clutter_distance_km; default: the shipped table after ITU-R P.452-17 (2021) §4.5 Table 4); the loss at the receiver height is P.452's height-gain correction (tree cover: about 19.5 dB at 1.5 m, 3.3 dB at 15 m; 0 dB at or above the clutter height and on water). It replaces the flat margin, which stays only for cells without a class (nodata, outside the land cover), counted in the log.</source>
      <translation>LAND_COVER (opsional): raster tutupan lahan (kelas ESA WorldCover secara bawaan, CRS dan resolusi apa pun, di-resample nearest ke grid DEM) yang kelasnya memberi tinggi dan jarak clutter setiap sel (CLUTTER_TABLE, CSV dengan kolom class, clutter_height_m, clutter_distance_km; bawaan: tabel yang disertakan menurut ITU-R P.452-17 (2021) §4.5 Tabel 4); redaman pada tinggi penerima adalah koreksi tinggi-penguatan P.452 (tutupan pohon: sekitar 19,5 dB pada 1,5 m, 3,3 dB pada 15 m; 0 dB pada atau di atas tinggi clutter dan di atas air). Ini menggantikan margin tetap, yang hanya tersisa untuk sel tanpa kelas (nodata, di luar tutupan lahan), dihitung di log.</translation>
    </message>
    <message>
      <source>QUANTITY: the EIRP of a site is its total radiated power; 4G coverage thresholds (-100/-110/-120 dBm) are RSRP, the power of one resource element, 10 log10(12 x resource blocks) lower: choose an RSRP quantity to compare with those thresholds.</source>
      <translation>QUANTITY: EIRP sebuah menara adalah total daya pancarnya; ambang cakupan 4G (-100/-110/-120 dBm) adalah RSRP, daya satu resource element, 10 log10(12 x resource block) lebih rendah: pilih besaran RSRP agar sebanding dengan ambang tersebut.</translation>
    </message>
    <message>
      <source>'itm' = a second opinion, the Longley-Rice Irregular Terrain Model 1.2.2 (the model of SPLAT!), point-to-point on the same rays as 'p526' (RESOLUTION applies): equatorial climate, surface refractivity 360 N-units, average ground, vertical polarisation, median time, location and situation; valid 20 MHz-20 GHz for paths of 1-2000 km (cells nearer than 1 km are extrapolated); it agrees with the itmlogic package to 0.001 dB. One ITM run per receiver (at 'fast' and 'fine' every refined receiver, about 90 m apart, on the profile of every cell up to it: along a ray what 'exact' gives), compiled by numba where it is installed (as the ray kernels): one 30 km site on the 250 m sample DEM takes 0.11 s at 'fast' and 0.22 s at 'exact', on a 90 m DEM about 1.8 s at 'fast' (0.03 s for 'p526'), and the sites run on all cores; without numba ITM runs in Python, 20 to 50 times slower (5.2 s, 10.5 s and 38 s, one site after the other). The log says the estimate before the run; compare the raster with a 'p526' raster to see where the models disagree.</source>
      <translation>'itm' = pendapat kedua, Irregular Terrain Model Longley-Rice 1.2.2 (model SPLAT!), titik-ke-titik pada sinar yang sama dengan 'p526' (RESOLUTION berlaku): iklim ekuatorial, refraktivitas permukaan 360 satuan N, tanah rata-rata, polarisasi vertikal, median waktu, lokasi dan situasi; berlaku 20 MHz-20 GHz untuk lintasan 1-2000 km (sel yang lebih dekat dari 1 km diekstrapolasi); hasilnya sama dengan paket itmlogic hingga 0,001 dB. Satu perhitungan ITM per penerima (pada 'fast' dan 'fine' setiap penerima halus, berjarak sekitar 90 m, pada profil setiap sel hingga penerima itu: sepanjang sinar sama dengan hasil 'exact'), dikompilasi oleh numba bila terpasang (seperti kernel sinar): satu site 30 km pada DEM contoh 250 m memerlukan 0,11 dtk pada 'fast' dan 0,22 dtk pada 'exact', pada DEM 90 m sekitar 1,8 dtk pada 'fast' (0,03 dtk untuk 'p526'), dan site-site berjalan di semua inti; tanpa numba ITM berjalan dalam Python, 20 sampai 50 kali lebih lambat (5,2 dtk, 10,5 dtk dan 38 dtk, satu site demi satu). Log menyebut perkiraannya sebelum dijalankan; bandingkan rasternya dengan raster 'p526' untuk melihat di mana kedua model berbeda pendapat.</translation>
    </message>
    <message>
      <source>Writes the deployment plan into OUTPUT_FOLDER: plan.gpkg (every given layer and table with its default style and metadata, flags for estimated or synthetic data carried through), plan.qgz (a QGIS project opening plan.gpkg with the print layouts), roadmap.xlsx with CSV copies (per year, per funding source, per operator, per kab/kota, training plan), and PDFs: atlas_kabkota.pdf (one page per kab/kota), overview.pdf (A3), roadmap_report.pdf and deployment_plan.pdf (the overview followed by the atlas pages). The layouts come from the .qpt templates in TEMPLATE_FOLDER (default: the plugin's resources/layouts); edit them in the layout designer but keep the item ids.</source>
      <translation>Menulis rencana pembangunan ke OUTPUT_FOLDER: plan.gpkg (setiap layer dan tabel yang diberikan beserta gaya bawaan dan metadatanya, dengan penanda data perkiraan atau sintetis tetap dibawa), plan.qgz (proyek QGIS yang membuka plan.gpkg beserta tata letak cetaknya), roadmap.xlsx dengan salinan CSV (per tahun, per sumber dana, per operator, per kab/kota, rencana pelatihan), serta PDF: atlas_kabkota.pdf (satu halaman per kab/kota), overview.pdf (A3), roadmap_report.pdf dan deployment_plan.pdf (ikhtisar diikuti halaman atlas). Tata letak berasal dari templat .qpt di TEMPLATE_FOLDER (bawaan: resources/layouts milik plugin); sunting di perancang tata letak tetapi pertahankan id itemnya.</translation>
    </message>
    <message>
      <source>DATA_INPUTS (optional, advanced): the plan's other input files (DEM, land cover, fibre points, programme table, population table). The sources line printed on the maps names each one that is synthetic, illustrative or estimated, and its date: read from the file itself (a raster's SOURCE metadata, a layer's flag fields, a file name with ILLUSTRATIVE, synthetic or estimated) and from a provenance.json beside it (its 'what', 'flag' and 'as_of'). Without them the line names only the boundaries and what the villages and the towers carry.</source>
      <translation>DATA_INPUTS (opsional, lanjutan): berkas masukan lain dari rencana (DEM, tutupan lahan, titik fiber, tabel program, tabel penduduk). Baris sumber yang dicetak di peta menyebut setiap berkas yang sintetis, ilustratif atau perkiraan, beserta tanggalnya: dibaca dari berkas itu sendiri (metadata SOURCE raster, field penanda pada layer, nama berkas yang memuat ILLUSTRATIVE, synthetic atau estimated) dan dari provenance.json di sampingnya ('what', 'flag' dan 'as_of'-nya). Tanpa berkas ini baris sumber hanya menyebut batas wilayah dan penanda yang dibawa desa dan menara.</translation>
    </message>
    <message>
      <source>The whole plan in one run: repairs the village geometries, imports the towers, computes the coverage (ITU-R P.526 complete method; clutter from the land cover when given), classifies the villages, starts from the programme's connected villages, prioritises, chooses new BTS sites under the budget and a technology per village, schedules the funded roadmap with its training plan and operator packages, and exports the plan folder (GeoPackage, project, spreadsheet and CSVs, printable PDFs).</source>
      <translation>Seluruh rencana dalam sekali jalan: memperbaiki geometri desa, mengimpor menara, menghitung cakupan sinyal (metode lengkap ITU-R P.526; clutter dari tutupan lahan bila diberikan), mengklasifikasikan desa, berangkat dari desa yang sudah tersambung program, menyusun prioritas, memilih lokasi BTS baru sesuai anggaran dan teknologi per desa, menjadwalkan roadmap yang terdanai beserta rencana pelatihan dan paket operator, lalu mengekspor folder rencana (GeoPackage, proyek, spreadsheet dan CSV, PDF siap cetak).</translation>
    </message>
    <message>
      <source>Every step is one of this provider's tools with its own defaults, as `make demo` runs them (the budget, the years and the status date are the model's inputs). The same model is shipped as resources/models/rencana_internet_desa.model3: open it in the Model Designer (Processing &gt; Graphical Modeler &gt; Open Model) to change a step's settings or add steps. It needs every tool of the chain: without scipy (candidates, optimizesites, choosetech) it is not offered.</source>
      <translation>Setiap langkah adalah salah satu alat penyedia ini dengan nilai bawaannya sendiri, seperti yang dijalankan `make demo` (anggaran, jumlah tahun, dan tanggal status adalah masukan model). Model yang sama disertakan sebagai resources/models/rencana_internet_desa.model3: buka di Model Designer (Processing &gt; Graphical Modeler &gt; Open Model) untuk mengubah pengaturan suatu langkah atau menambah langkah. Model ini memerlukan semua alat dalam rantai: tanpa scipy (candidates, optimizesites, choosetech) model tidak ditawarkan.</translation>
    </message>
    <message>
      <source>Selects candidate sites whose total cost stays within BUDGET_IDR and that cover the largest demand: population × WEIGHT_FIELD (e.g. priority_score) of the villages not covered yet (maximal covering location problem). A village counts as covered by a candidate when its office is within RADIUS_M (straight distance), or, with a DEM, when the coverage engine predicts at least THRESHOLD_DBM at the office (MODEL p526, los or hata; MAX_RADIUS_M around each candidate). Villages already covered by an EXISTING site (same test) need nothing. METHOD exact solves the integer programme with HiGHS (optimal, or the gap is reported at TIME_LIMIT_S); greedy is fast and at most as good. Ties are broken by candidate order; the budget is never exceeded. Outputs: the selected sites (pop_served, cost_idr) and the villages with the serving site_id and covered_by (existing / new / none). All distances in a metric CRS (the villages' when projected, else EPSG:32750).</source>
      <translation>Memilih kandidat lokasi yang total biayanya tidak melebihi BUDGET_IDR dan menjangkau permintaan terbesar: penduduk × WEIGHT_FIELD (mis. priority_score) dari desa yang belum tercakup (masalah maximal covering location). Desa dianggap terjangkau oleh kandidat bila kantornya dalam RADIUS_M (jarak lurus), atau, dengan DEM, bila mesin cakupan memperkirakan setidaknya THRESHOLD_DBM di kantor desa (MODEL p526, los atau hata; MAX_RADIUS_M di sekitar tiap kandidat). Desa yang sudah tercakup oleh lokasi EXISTING (uji yang sama) tidak memerlukan apa pun. METHOD exact menyelesaikan program bilangan bulat dengan HiGHS (optimal, atau gap dilaporkan pada TIME_LIMIT_S); greedy cepat dan paling banyak sama baiknya. Nilai seri diputuskan menurut urutan kandidat; anggaran tidak pernah dilampaui. Keluaran: lokasi terpilih (pop_served, cost_idr) dan desa dengan site_id yang melayani dan covered_by (existing / new / none). Semua jarak dalam CRS metrik (CRS desa bila terproyeksi, selain itu EPSG:32750).</translation>
    </message>
    <message>
      <source>Villages (desa/kelurahan polygons)</source>
      <translation>Desa (poligon desa/kelurahan)</translation>
    </message>
    <message>
      <source>Existing towers (CSV, spreadsheet or point layer file)</source>
      <translation>Menara eksisting (CSV, spreadsheet, atau berkas layer titik)</translation>
    </message>
    <message>
      <source>DEM (terrain heights, metres)</source>
      <translation>DEM (ketinggian medan, meter)</translation>
    </message>
    <message>
      <source>Programme status table (connected villages)</source>
      <translation>Tabel status program (desa yang sudah tersambung)</translation>
    </message>
    <message>
      <source>Land cover (clutter)</source>
      <translation>Tutupan lahan (clutter)</translation>
    </message>
    <message>
      <source>Village offices (points)</source>
      <translation>Kantor desa (titik)</translation>
    </message>
    <message>
      <source>Kabupaten/kota boundaries</source>
      <translation>Batas kabupaten/kota</translation>
    </message>
    <message>
      <source>Import existing towers</source>
      <translation>Impor menara eksisting</translation>
    </message>
    <message>
      <source>Signal coverage (ITU-R P.526)</source>
      <translation>Cakupan sinyal (ITU-R P.526)</translation>
    </message>
    <message>
      <source>Programme status (connected villages)</source>
      <translation>Status program (desa yang sudah tersambung)</translation>
    </message>
    <message>
      <source>Candidate BTS sites</source>
      <translation>Kandidat lokasi BTS</translation>
    </message>
    <message>
      <source>Choose new BTS sites under the budget</source>
      <translation>Pilih lokasi BTS baru sesuai anggaran</translation>
    </message>
    <message>
      <source>Technology per village</source>
      <translation>Teknologi per desa</translation>
    </message>
    <message>
      <source>Funded roadmap, training and operators</source>
      <translation>Roadmap terdanai, pelatihan, dan operator</translation>
    </message>
    <message>
      <source>Export the deployment plan</source>
      <translation>Ekspor rencana penggelaran</translation>
    </message>
    <message>
      <source>Budget for new BTS sites (Rp)</source>
      <translation>Anggaran untuk lokasi BTS baru (Rp)</translation>
    </message>
    <message>
      <source>Deployment plan folder</source>
      <translation>Folder rencana penggelaran</translation>
    </message>
    <message>
      <source>the outputs</source>
      <translation>keluaran</translation>
    </message>
    <message>
      <source>Choose another output folder</source>
      <translation>Pilih folder keluaran lain</translation>
    </message>
    <message>
      <source>Choose another file name (or, in a GeoPackage, a new table name)</source>
      <translation>Pilih nama berkas lain (atau, dalam GeoPackage, nama tabel baru)</translation>
    </message>
    <message>
      <source>The outputs ({outputs}) cannot be written: {reason}. {fix}</source>
      <translation>Keluaran ({outputs}) tidak dapat ditulis: {reason}. {fix}</translation>
    </message>
    <message>
      <source>{param} = {value} names a table ({table}), but this output is a whole file, not a table of a GeoPackage. Give the file name only, e.g. {path}.</source>
      <translation>{param} = {value} menyebut sebuah tabel ({table}), padahal keluaran ini adalah satu berkas utuh, bukan tabel dalam GeoPackage. Berikan nama berkasnya saja, mis. {path}.</translation>
    </message>
    <message>
      <source>{param} = {folder} holds a {name} that this tool did not write (its table '{table}' is missing or has no field {fields}): this tool writes its tables into {name} and would replace those of the same name. Choose another output folder, or move {name} away; it is left as it is.</source>
      <translation>{param} = {folder} berisi {name} yang tidak ditulis oleh alat ini (tabel '{table}'-nya tidak ada atau tidak memiliki kolom {fields}): alat ini menulis tabel-tabelnya ke {name} dan akan mengganti tabel dengan nama yang sama. Pilih folder keluaran lain, atau pindahkan {name}; berkas itu dibiarkan apa adanya.</translation>
    </message>
    <message>
      <source>{path} cannot be written: {reason}. {fix}</source>
      <translation>{path} tidak dapat ditulis: {reason}. {fix}</translation>
    </message>
    <message>
      <source>{names} and {count} more</source>
      <translation>{names} dan {count} lainnya</translation>
    </message>
    <message>
      <source>another file name, e.g. {new}</source>
      <translation>nama berkas lain, mis. {new}</translation>
    </message>
    <message>
      <source>another file name, e.g. {new}, or a new table name in that GeoPackage, e.g. {path}|layername={table}</source>
      <translation>nama berkas lain, mis. {new}, atau nama tabel baru di GeoPackage itu, mis. {path}|layername={table}</translation>
    </message>
    <message>
      <source>{out} = {path} is an existing GeoPackage holding tables this tool did not write ({tables}; they may be your data). This output replaces the whole file, so those tables would be lost. Choose {choice}, or move {path} away first; a GeoPackage is replaced whole only when it holds nothing but tables this tool wrote. Nothing was changed.</source>
      <translation>{out} = {path} adalah GeoPackage yang sudah ada dan memuat tabel yang tidak ditulis oleh alat ini ({tables}; bisa jadi data Anda). Keluaran ini menggantikan seluruh berkas, sehingga tabel-tabel itu akan hilang. Pilih {choice}, atau pindahkan {path} terlebih dahulu; GeoPackage hanya diganti seluruhnya bila isinya semata-mata tabel yang ditulis oleh alat ini. Tidak ada yang diubah.</translation>
    </message>
    <message>
      <source>GDAL gave no reason</source>
      <translation>GDAL tidak memberi alasan</translation>
    </message>
    <message>
      <source>{out} = {path} would overwrite the input {inp} ({what}). {fix}; inputs are never changed.</source>
      <translation>{out} = {path} akan menimpa masukan {inp} ({what}). {fix}; masukan tidak pernah diubah.</translation>
    </message>
    <message>
      <source>Give the layer's name in {name_param} ({table}).</source>
      <translation>Berikan nama layer di {name_param} ({table}).</translation>
    </message>
    <message>
      <source>{path} (the GeoPackage of the input {inp})</source>
      <translation>{path} (GeoPackage dari masukan {inp})</translation>
    </message>
    <message>
      <source>{out} = {path}|layername={table} would replace the table '{table}' of {where}, and this tool did not write that table (it may be your data). Choose a new table name, e.g. {path}|layername={new}, or another file; an existing table of a GeoPackage is replaced only when this tool wrote it. Nothing was changed.</source>
      <translation>{out} = {path}|layername={table} akan menggantikan tabel '{table}' di {where}, dan tabel itu tidak ditulis oleh alat ini (bisa jadi data Anda). Pilih nama tabel baru, mis. {path}|layername={new}, atau berkas lain; tabel yang sudah ada di sebuah GeoPackage hanya diganti bila alat ini yang menulisnya. Tidak ada yang diubah.</translation>
    </message>
    <message>
      <source>{param} = {path}: {blocker} is a file, not a folder, so nothing can be written inside it. Choose another folder.</source>
      <translation>{param} = {path}: {blocker} adalah berkas, bukan folder, sehingga tidak ada yang dapat ditulis di dalamnya. Pilih folder lain.</translation>
    </message>
    <message>
      <source>{param} = {path} is a folder. Give a file name inside it, e.g. {example}.</source>
      <translation>{param} = {path} adalah folder. Berikan nama berkas di dalamnya, mis. {example}.</translation>
    </message>
    <message>
      <source>The folder {folder} of {param} does not exist. Create it or choose another folder.</source>
      <translation>Folder {folder} untuk {param} tidak ada. Buat folder itu atau pilih folder lain.</translation>
    </message>
    <message>
      <source>the file is read-only</source>
      <translation>berkasnya hanya-baca</translation>
    </message>
    <message>
      <source>{param} = {path} is locked by another program (or by a layer being edited in QGIS), so it cannot be written now. Close it in the other program or end the QGIS editing session (save or discard the edits), or choose another file.</source>
      <translation>{param} = {path} sedang dikunci oleh program lain (atau oleh layer yang sedang disunting di QGIS), sehingga tidak dapat ditulis sekarang. Tutup berkas itu di program lain atau akhiri sesi penyuntingan QGIS (simpan atau buang suntingan), atau pilih berkas lain.</translation>
    </message>
    <message>
      <source>{param} = {path}: the new table could not replace the table {table} ({reason}); that table is kept as it was. Close other programs that use the file (or choose another table name) and run the tool again.</source>
      <translation>{param} = {path}: tabel baru tidak dapat menggantikan tabel {table} ({reason}); tabel itu tetap seperti semula. Tutup program lain yang memakai berkas itu (atau pilih nama tabel lain) lalu jalankan alat ini lagi.</translation>
    </message>
    <message>
      <source>{param} = {path} is a file, not a folder. Choose a folder for the outputs.</source>
      <translation>{param} = {path} adalah berkas, bukan folder. Pilih folder untuk keluaran.</translation>
    </message>
    <message>
      <source>{first} and {second} both name {path}, so one would replace the other. Give each output its own file (or, in a GeoPackage, its own table name).</source>
      <translation>{first} dan {second} sama-sama menunjuk {path}, sehingga yang satu akan menggantikan yang lain. Beri setiap keluaran berkasnya sendiri (atau, dalam GeoPackage, nama tabelnya sendiri).</translation>
    </message>
    <message>
      <source>empty = the coverage raster's setting</source>
      <translation>kosong = pengaturan raster cakupan</translation>
    </message>
    <message>
      <source>Saved PostgreSQL connection (name)</source>
      <translation>Koneksi PostgreSQL tersimpan (nama)</translation>
    </message>
    <message>
      <source>Schema</source>
      <translation>Skema</translation>
    </message>
    <message>
      <source>the defaults</source>
      <translation>nilai bawaan</translation>
    </message>
    <message>
      <source>the coverage raster</source>
      <translation>raster cakupan</translation>
    </message>
    <message>
      <source>Villages (office points, or polygons)</source>
      <translation>Desa (titik kantor desa, atau poligon)</translation>
    </message>
    <message>
      <source>Cost table (CSV or JSON; empty = defaults)</source>
      <translation>Tabel biaya (CSV atau JSON; kosong = bawaan)</translation>
    </message>
    <message>
      <source>Cost tables (*.csv *.json)</source>
      <translation>Tabel biaya (*.csv *.json)</translation>
    </message>
    <message>
      <source>Give the name of a saved PostgreSQL connection (Browser &gt; PostgreSQL).</source>
      <translation>Berikan nama koneksi PostgreSQL yang tersimpan (Browser &gt; PostgreSQL).</translation>
    </message>
    <message>
      <source>Coverage raster from 'Compute coverage' (its settings are used)</source>
      <translation>Raster cakupan dari 'Hitung cakupan' (pengaturannya dipakai)</translation>
    </message>
    <message>
      <source>Tables copied</source>
      <translation>Tabel yang disalin</translation>
    </message>
    <message>
      <source>Rows copied</source>
      <translation>Baris yang disalin</translation>
    </message>
    <message>
      <source>Checksums match</source>
      <translation>Checksum cocok</translation>
    </message>
    <message>
      <source>the serving-site index</source>
      <translation>indeks lokasi pelayan</translation>
    </message>
    <message>
      <source>the count of sites above the threshold</source>
      <translation>jumlah lokasi di atas ambang</translation>
    </message>
    <message>
      <source>Coverage settings from {source}: model {model}, {quantity}, clutter margin {margin:g} dB, threshold {threshold:g} dBm, receiver {rx:g} m, resolution {res}, k = {k:.4g}, radius {radius:.0f} m.</source>
      <translation>Pengaturan cakupan dari {source}: model {model}, {quantity}, margin clutter {margin:g} dB, ambang {threshold:g} dBm, penerima {rx:g} m, resolusi {res}, k = {k:.4g}, radius {radius:.0f} m.</translation>
    </message>
    <message>
      <source>Tower height field (default: height_m)</source>
      <translation>Kolom tinggi menara (bawaan: height_m)</translation>
    </message>
    <message>
      <source>The DEM '{name}' holds only nodata cells: there is no elevation to compute on. Check the file or its nodata value.</source>
      <translation>DEM '{name}' hanya berisi sel nodata: tidak ada ketinggian untuk dihitung. Periksa berkas atau nilai nodata-nya.</translation>
    </message>
    <message>
      <source>Propagation model ({hint})</source>
      <translation>Model propagasi ({hint})</translation>
    </message>
    <message>
      <source>Signal quantity ({hint})</source>
      <translation>Besaran sinyal ({hint})</translation>
    </message>
    <message>
      <source>Clutter / foliage margin, dB ({hint})</source>
      <translation>Margin clutter / vegetasi, dB ({hint})</translation>
    </message>
    <message>
      <source>Coverage threshold, dBm ({hint})</source>
      <translation>Ambang cakupan, dBm ({hint})</translation>
    </message>
    <message>
      <source>Receiver height, m ({hint})</source>
      <translation>Tinggi penerima, m ({hint})</translation>
    </message>
    <message>
      <source>Resolution ({hint})</source>
      <translation>Resolusi ({hint})</translation>
    </message>
    <message>
      <source>Effective earth radius factor k ({hint})</source>
      <translation>Faktor jari-jari bumi efektif k ({hint})</translation>
    </message>
    <message>
      <source>Largest radius around a site, m ({hint})</source>
      <translation>Radius terbesar di sekitar lokasi, m ({hint})</translation>
    </message>
    <message>
      <source>{name}: the value given ({now}) overrides {source}'s ({was}).</source>
      <translation>{name}: nilai yang diberikan ({now}) menggantikan nilai dari {source} ({was}).</translation>
    </message>
    <message>
      <source>The DEM '{name}' has {n} cells of {value:g} m (e.g. at x {x:.0f}, y {y:.0f} in its CRS) and no nodata value: they are fill, not terrain, and would be read as pits kilometres deep. Set {value:g} as its nodata value in the file (Raster &gt; Conversion &gt; Translate, 'Assign a specified nodata value to output bands' = {value:g}, or gdal_translate -a_nodata {value:g} in.tif out.tif) and give the new file.</source>
      <translation>DEM '{name}' memiliki {n} sel bernilai {value:g} m (mis. di x {x:.0f}, y {y:.0f} dalam CRS-nya) dan tidak memiliki nilai nodata: sel itu isian, bukan medan, dan akan dibaca sebagai lubang sedalam berkilo-kilometer. Tetapkan {value:g} sebagai nilai nodata di berkasnya (Raster &gt; Konversi &gt; Terjemahkan, 'Tetapkan nilai nodata tertentu untuk band keluaran' = {value:g}, atau gdal_translate -a_nodata {value:g} in.tif out.tif) lalu berikan berkas baru itu.</translation>
    </message>
    <message>
      <source>'{name}' is a coverage raster (signal in dBm or a line-of-sight count, recognised by its {why}), not a DEM: give the elevation model (e.g. DEMNAS or SRTM, elevations in metres) as DEM.</source>
      <translation>'{name}' adalah raster cakupan (sinyal dalam dBm atau jumlah menara yang terlihat, dikenali dari {why}-nya), bukan DEM: berikan model elevasi (mis. DEMNAS atau SRTM, elevasi dalam meter) sebagai DEM.</translation>
    </message>
    <message>
      <source>'{name}' is a land cover, not a DEM: it holds only the land-cover classes {classes} (the codes of the clutter table, ESA WorldCover), which would be read as heights in metres. Give the elevation model (e.g. DEMNAS or SRTM) as DEM; a land cover goes to LAND_COVER of 'Compute coverage'.</source>
      <translation>'{name}' adalah tutupan lahan, bukan DEM: isinya hanya kelas tutupan lahan {classes} (kode tabel clutter, ESA WorldCover), yang akan dibaca sebagai ketinggian dalam meter. Berikan model elevasi (mis. DEMNAS atau SRTM) sebagai DEM; tutupan lahan diberikan pada LAND_COVER di 'Hitung cakupan'.</translation>
    </message>
    <message>
      <source>The raster {path} looks like a DEM (values {lo:,.0f} to {hi:,.0f}, no coverage metadata), not a coverage raster: give the output of 'Compute coverage' (signal in dBm) as COVERAGE.</source>
      <translation>Raster {path} tampaknya DEM (nilai {lo:,.0f} sampai {hi:,.0f}, tanpa metadata cakupan), bukan raster cakupan: berikan keluaran 'Hitung cakupan' (sinyal dalam dBm) sebagai COVERAGE.</translation>
    </message>
    <message>
      <source>The raster {path} is {what} written by 'Compute coverage' beside its coverage raster, not the coverage raster: give the coverage raster itself (its OUTPUT, signal in dBm) as COVERAGE.</source>
      <translation>Raster {path} adalah {what} yang ditulis 'Hitung cakupan' di samping raster cakupannya, bukan raster cakupan: berikan raster cakupan itu sendiri (OUTPUT-nya, sinyal dalam dBm) sebagai COVERAGE.</translation>
    </message>
    <message>
      <source>The coverage raster {path} carries no coverage settings (it was not written by 'Compute coverage' of this version): the default settings are used. Run 'Compute coverage' again so that every step uses the raster's own settings.</source>
      <translation>Raster cakupan {path} tidak membawa pengaturan cakupan (tidak ditulis oleh 'Hitung cakupan' versi ini): pengaturan bawaan yang dipakai. Jalankan lagi 'Hitung cakupan' agar setiap langkah memakai pengaturan raster itu sendiri.</translation>
    </message>
    <message>
      <source>The cost table file {path} does not exist. Choose an existing CSV or JSON file.</source>
      <translation>File tabel biaya {path} tidak ada. Pilih file CSV atau JSON yang ada.</translation>
    </message>
    <message>
      <source>Cannot read the cost table {path}: {error}</source>
      <translation>Tidak dapat membaca tabel biaya {path}: {error}</translation>
    </message>
    <message>
      <source>metadata</source>
      <translation>metadata</translation>
    </message>
    <message>
      <source>values</source>
      <translation>nilai</translation>
    </message>
    <message>
      <source>Cannot use the DEM: {error}</source>
      <translation>Tidak dapat memakai DEM: {error}</translation>
    </message>
    <message>
      <source>The DEM '{name}' has elevations from {lo} to {hi}, which cannot be metres (the Earth's highest point is {top} m, its deepest sea floor {deep} m): it is probably in feet, decimetres or centimetres. Convert it to metres (Raster calculator, e.g. "dem@1" * 0.3048 for feet) or give a DEM in metres.</source>
      <translation>DEM '{name}' memiliki ketinggian dari {lo} sampai {hi}, yang tidak mungkin dalam meter (titik tertinggi Bumi {top} m, dasar laut terdalam {deep} m): kemungkinan dalam kaki, desimeter atau sentimeter. Ubah ke meter (Raster calculator, mis. "dem@1" * 0.3048 untuk kaki) atau berikan DEM dalam meter.</translation>
    </message>
    <message>
      <source>Internet Desa Kaltim {version}</source>
      <translation>Internet Desa Kaltim {version}</translation>
    </message>
    <message>
      <source>Tool {name} could not be loaded:
{trace}</source>
      <translation>Alat {name} tidak dapat dimuat:
{trace}</translation>
    </message>
    <message>
      <source>The full-plan model is not offered: it needs the tool(s) {names}, which could not be loaded (see above).</source>
      <translation>Model rencana lengkap tidak ditawarkan: model ini memerlukan alat {names}, yang tidak dapat dimuat (lihat di atas).</translation>
    </message>
    <message>
      <source>the file written cannot be read back</source>
      <translation>berkas yang ditulis tidak dapat dibaca kembali</translation>
    </message>
    <message>
      <source>{param}: the output was already closed; nothing more can be written to it.</source>
      <translation>{param}: keluaran sudah ditutup; tidak ada lagi yang dapat ditulis ke dalamnya.</translation>
    </message>
    <message>
      <source>Kab/kota pages</source>
      <translation>Halaman kab/kota</translation>
    </message>
    <message>
      <source>plan.gpkg with styles and metadata</source>
      <translation>plan.gpkg dengan gaya dan metadata</translation>
    </message>
    <message>
      <source>roadmap.xlsx and CSV</source>
      <translation>roadmap.xlsx dan CSV</translation>
    </message>
    <message>
      <source>Charts</source>
      <translation>Grafik</translation>
    </message>
    <message>
      <source>Project and layouts</source>
      <translation>Proyek dan tata letak</translation>
    </message>
    <message>
      <source>Overview PDF</source>
      <translation>PDF ikhtisar</translation>
    </message>
    <message>
      <source>Atlas PDF</source>
      <translation>PDF atlas</translation>
    </message>
    <message>
      <source>Combined deployment plan PDF</source>
      <translation>PDF gabungan rencana pembangunan</translation>
    </message>
    <message>
      <source>plan.qgz</source>
      <translation>plan.qgz</translation>
    </message>
    <message>
      <source>The roadmap report's table by year names the technologies of a year in short, or only counts them, so that every year and the total fit its box; roadmap.xlsx, sheet 'Per tahun', has them in full.</source>
      <translation>Tabel per tahun pada laporan peta jalan menyebut teknologi setiap tahun dengan nama singkat, atau hanya jumlahnya, agar semua tahun dan totalnya muat di kotaknya; roadmap.xlsx, lembar 'Per tahun', memuat nama lengkapnya.</translation>
    </message>
    <message>
      <source>{n} kab/kota pages.</source>
      <translation>{n} halaman kab/kota.</translation>
    </message>
    <message>
      <source>plan.gpkg: {names}</source>
      <translation>plan.gpkg: {names}</translation>
    </message>
    <message>
      <source>No kab/kota polygon could be made from the villages (field {field}).</source>
      <translation>Tidak ada poligon kab/kota yang dapat dibuat dari desa (kolom {field}).</translation>
    </message>
    <message>
      <source>{n} kab/kota of the KABKOTA layer hold no village of the plan: they show on the maps, without an atlas page.</source>
      <translation>{n} kab/kota pada lapisan KABKOTA tidak memuat desa rencana: ditampilkan di peta, tanpa halaman atlas.</translation>
    </message>
    <message>
      <source>plan.gpkg: removed {names}, written by the previous export into this folder and not given to this one (they described the previous plan).</source>
      <translation>plan.gpkg: {names} dihapus; tabel itu ditulis oleh ekspor sebelumnya ke folder ini dan tidak diberikan kepada ekspor ini (tabel itu menggambarkan rencana sebelumnya).</translation>
    </message>
    <message>
      <source>plan.gpkg holds {names}, written by another tool, not by an export: the maps and the consistency check read it as this plan's. Give it to the export (copied into another file), or remove it from plan.gpkg.</source>
      <translation>plan.gpkg memuat {names}, yang ditulis oleh alat lain, bukan oleh ekspor: peta dan pemeriksaan konsistensi membacanya sebagai bagian rencana ini. Berikan tabel itu kepada ekspor (salin dulu ke berkas lain), atau hapus dari plan.gpkg.</translation>
    </message>
    <message>
      <source>Cannot reopen the plan layers from {path}.</source>
      <translation>Layer rencana tidak dapat dibuka kembali dari {path}.</translation>
    </message>
    <message>
      <source>The printed item '{item}' does not fit its box even at {pt} pt: its last lines are cut in the PDF. The tables and the spreadsheet hold every figure.</source>
      <translation>Butir cetak '{item}' tidak muat dalam kotaknya bahkan pada {pt} pt: baris terakhirnya terpotong di PDF. Tabel dan spreadsheet memuat semua angka.</translation>
    </message>
    <message>
      <source>Cannot write the project {path}: {error}</source>
      <translation>Proyek {path} tidak dapat ditulis: {error}</translation>
    </message>
    <message>
      <source>Source: no provider report imported yet</source>
      <translation>Sumber: belum ada laporan penyedia yang diimpor</translation>
    </message>
    <message>
      <source>Monitoring and Evaluation Report</source>
      <translation>Laporan Pemantauan dan Evaluasi</translation>
    </message>
    <message>
      <source>Source: provider service reports imported into the plan: {files}</source>
      <translation>Sumber: laporan layanan penyedia yang diimpor ke rencana: {files}</translation>
    </message>
    <message>
      <source>Internet Desa Kaltim - Diskominfo Kaltim · printed {date} · page {page} of {pages}</source>
      <translation>Internet Desa Kaltim - Diskominfo Kaltim · dicetak {date} · halaman {page} dari {pages}</translation>
    </message>
    <message>
      <source>Flags:</source>
      <translation>Penanda:</translation>
    </message>
    <message>
      <source>{code}: zero usage in {months} ({provider})</source>
      <translation>{code}: tanpa pemakaian pada {months} ({provider})</translation>
    </message>
    <message>
      <source>Villages without status</source>
      <translation>Desa tanpa status</translation>
    </message>
    <message>
      <source>Villages already connected at the start (the programme)</source>
      <translation>Desa/kel. sudah tersambung di awal (program)</translation>
    </message>
    <message>
      <source>Mean availability</source>
      <translation>Rata-rata ketersediaan</translation>
    </message>
    <message>
      <source>Sites with at least 25/3 Mbps</source>
      <translation>Site dengan minimal 25/3 Mbps</translation>
    </message>
    <message>
      <source>Digital cadres trained / planned</source>
      <translation>Kader digital terlatih / direncanakan</translation>
    </message>
    <message>
      <source>Internet Desa Kaltim · reporting month {month}</source>
      <translation>Internet Desa Kaltim · bulan laporan {month}</translation>
    </message>
    <message>
      <source>Report date: {date}</source>
      <translation>Tanggal laporan: {date}</translation>
    </message>
    <message>
      <source>Villages by status</source>
      <translation>Desa menurut status</translation>
    </message>
    <message>
      <source>{code}: {provider} below target {n} months in a row ({months}) - consider another provider</source>
      <translation>{code}: {provider} di bawah target {n} bulan berturut-turut ({months}) - pertimbangkan penyedia lain</translation>
    </message>
    <message>
      <source>{code}: {provider} reports {reported} % for {months}, its outage log gives {log} %: the SLA uses the log - check that the log holds every outage</source>
      <translation>{code}: {provider} melaporkan {reported} % untuk {months}, log gangguannya memberi {log} %: SLA memakai log - periksa apakah log memuat semua gangguan</translation>
    </message>
    <message>
      <source>{code}: no report from {provider} for {months} (reported before): this site is not in the month's SLA - ask the provider for the report</source>
      <translation>{code}: tidak ada laporan dari {provider} untuk {months} (sebelumnya melapor): situs ini tidak masuk SLA bulan ini - mintalah laporannya kepada penyedia</translation>
    </message>
    <message>
      <source>Site-months below target ({target} %)</source>
      <translation>Site-bulan di bawah target ({target} %)</translation>
    </message>
    <message>
      <source>and {n} more file(s)</source>
      <translation>dan {n} berkas lain</translation>
    </message>
    <message>
      <source>The M&amp;E report template is missing: {path}. Reinstall the plugin or restore resources/layouts/monitoring_report.qpt.</source>
      <translation>Templat laporan monev tidak ada: {path}. Pasang ulang plugin atau pulihkan resources/layouts/monitoring_report.qpt.</translation>
    </message>
    <message>
      <source>The M&amp;E report template {path} is not a valid print layout (.qpt).</source>
      <translation>Templat laporan monev {path} bukan tata letak cetak (.qpt) yang valid.</translation>
    </message>
    <message>
      <source>The M&amp;E report template {path} could not be loaded.</source>
      <translation>Templat laporan monev {path} tidak dapat dimuat.</translation>
    </message>
    <message>
      <source>Mean % up to {month}</source>
      <translation>Rata-rata % s.d. {month}</translation>
    </message>
    <message>
      <source>Could not write the PDF {path} (error {code}: {error}). Check that the folder is writable.</source>
      <translation>PDF {path} tidak dapat ditulis (galat {code}: {error}). Pastikan folder dapat ditulisi.</translation>
    </message>
    <message>
      <source>{a} site(s): consider another provider; {b} zero-usage month(s).</source>
      <translation>{a} site: pertimbangkan penyedia lain; {b} bulan tanpa pemakaian.</translation>
    </message>
    <message>
      <source>{n} site(s) without a report for the month.</source>
      <translation>{n} situs tanpa laporan untuk bulan ini.</translation>
    </message>
    <message>
      <source>{n} site-month(s) whose outage log gives more than the provider reports.</source>
      <translation>{n} site-bulan yang log gangguannya memberi lebih dari laporan penyedia.</translation>
    </message>
    <message>
      <source>… and {n} more (see flags.csv)</source>
      <translation>… dan {n} lainnya (lihat flags.csv)</translation>
    </message>
    <message>
      <source>Villages starting service in {year} (roadmap): active / planned</source>
      <translation>Desa/kel. mulai layanan {year} (peta jalan): aktif / rencana</translation>
    </message>
    <message>
      <source>Active users ({month})</source>
      <translation>Pengguna aktif ({month})</translation>
    </message>
    <message>
      <source>Villages with zero usage ({month})</source>
      <translation>Desa tanpa pemakaian ({month})</translation>
    </message>
    <message>
      <source>The M&amp;E report template {path} has no item with id '{id}'.</source>
      <translation>Templat laporan monev {path} tidak memiliki item dengan id '{id}'.</translation>
    </message>
    <message>
      <source>Village names: only the {n} villages disrupted or flagged (other names are not readable at this scale)</source>
      <translation>Nama desa: hanya {n} desa terganggu atau bertanda (nama lain tidak terbaca pada skala ini)</translation>
    </message>
    <message>
      <source>Villages {status}</source>
      <translation>Desa {status}</translation>
    </message>
    <message>
      <source>the PDF written is incomplete</source>
      <translation>PDF yang ditulis tidak lengkap</translation>
    </message>
    <message>
      <source>Cannot write {name} into {path}: {error}</source>
      <translation>{name} tidak dapat ditulis ke {path}: {error}</translation>
    </message>
    <message>
      <source>Cannot remove {name} from {path}.</source>
      <translation>Tidak dapat menghapus {name} dari {path}.</translation>
    </message>
    <message>
      <source>Cannot reopen {name} from {path}.</source>
      <translation>{name} tidak dapat dibuka kembali dari {path}.</translation>
    </message>
    <message>
      <source>Cannot save the metadata of {name}: {error}</source>
      <translation>Metadata {name} tidak dapat disimpan: {error}</translation>
    </message>
    <message>
      <source>Cannot save the style of {name}: {error}</source>
      <translation>Gaya {name} tidak dapat disimpan: {error}</translation>
    </message>
    <message>
      <source>Village layer validation</source>
      <translation>Validasi layer desa</translation>
    </message>
    <message>
      <source>VALID: no errors.</source>
      <translation>VALID: tidak ada kesalahan.</translation>
    </message>
    <message>
      <source>Error</source>
      <translation>Kesalahan</translation>
    </message>
    <message>
      <source>Warning</source>
      <translation>Peringatan</translation>
    </message>
    <message>
      <source>NOT VALID: {n} error(s).</source>
      <translation>TIDAK VALID: {n} kesalahan.</translation>
    </message>
    <message>
      <source>Layer</source>
      <translation>Layer</translation>
    </message>
    <message>
      <source>features</source>
      <translation>fitur</translation>
    </message>
    <message>
      <source>naming scheme</source>
      <translation>skema penamaan</translation>
    </message>
    <message>
      <source>Field mapping</source>
      <translation>Pemetaan kolom</translation>
    </message>
    <message>
      <source>Findings</source>
      <translation>Temuan</translation>
    </message>
    <message>
      <source>Level</source>
      <translation>Tingkat</translation>
    </message>
    <message>
      <source>Feature id</source>
      <translation>ID fitur</translation>
    </message>
    <message>
      <source>Problem</source>
      <translation>Masalah</translation>
    </message>
    <message>
      <source>How to fix</source>
      <translation>Cara memperbaiki</translation>
    </message>
    <message>
      <source>Villages per kab/kota</source>
      <translation>Desa per kab/kota</translation>
    </message>
    <message>
      <source>No findings.</source>
      <translation>Tidak ada temuan.</translation>
    </message>
    <message>
      <source>There is no saved PostgreSQL connection named '{name}'. Create it in QGIS (Browser &gt; PostgreSQL &gt; New Connection) or use one of: {known}.</source>
      <translation>Tidak ada koneksi PostgreSQL tersimpan bernama '{name}'. Buat di QGIS (Browser &gt; PostgreSQL &gt; New Connection) atau gunakan salah satu dari: {known}.</translation>
    </message>
    <message>
      <source>Cannot read the authentication configuration '{authcfg}' from the QGIS authentication database. Unlock it with the master password (Settings &gt; Options &gt; Authentication) or fix the connection.</source>
      <translation>Tidak dapat membaca konfigurasi autentikasi '{authcfg}' dari basis data autentikasi QGIS. Buka dengan kata sandi master (Settings &gt; Options &gt; Authentication) atau perbaiki koneksinya.</translation>
    </message>
    <message>
      <source>Cannot connect to the database of connection '{name}' ({where}): {detail}. Check that the server runs and the user name and password in the connection's authentication configuration.</source>
      <translation>Tidak dapat terhubung ke basis data koneksi '{name}' ({where}): {detail}. Periksa bahwa server berjalan serta nama pengguna dan kata sandi di konfigurasi autentikasi koneksi.</translation>
    </message>
    <message>
      <source>This plan was made by a newer version of the plugin (schema {found} &gt; {supported}); update the plugin.</source>
      <translation>Rencana ini dibuat oleh versi plugin yang lebih baru (skema {found} &gt; {supported}); perbarui plugin.</translation>
    </message>
    <message>
      <source>The plan GeoPackage {path} does not exist.</source>
      <translation>GeoPackage rencana {path} tidak ada.</translation>
    </message>
    <message>
      <source>Cannot open {path} as a GeoPackage: {reason}</source>
      <translation>Tidak dapat membuka {path} sebagai GeoPackage: {reason}</translation>
    </message>
    <message>
      <source>Layer '{layer}' has a coordinate system without an EPSG code; reproject it to an EPSG CRS (e.g. EPSG:4326 or EPSG:32750) before publishing.</source>
      <translation>Layer '{layer}' memakai sistem koordinat tanpa kode EPSG; proyeksikan ulang ke CRS EPSG (mis. EPSG:4326 atau EPSG:32750) sebelum dipublikasikan.</translation>
    </message>
    <message>
      <source>The copy differs from the source, so nothing was saved: {problems}</source>
      <translation>Salinan berbeda dari sumbernya, jadi tidak ada yang disimpan: {problems}</translation>
    </message>
    <message>
      <source>{path} holds no layer or table to publish.</source>
      <translation>{path} tidak berisi layer atau tabel untuk dipublikasikan.</translation>
    </message>
    <message>
      <source>Publishing was cancelled; nothing was saved.</source>
      <translation>Publikasi dibatalkan; tidak ada yang disimpan.</translation>
    </message>
    <message>
      <source>The database has no PostGIS: an administrator must run CREATE EXTENSION postgis; in it first.</source>
      <translation>Basis data belum memiliki PostGIS: administrator harus menjalankan CREATE EXTENSION postgis; di dalamnya terlebih dahulu.</translation>
    </message>
    <message>
      <source>Created an empty planned_sites layer for team editing</source>
      <translation>Layer planned_sites kosong dibuat untuk penyuntingan tim</translation>
    </message>
    <message>
      <source>{table}: missing in the copy</source>
      <translation>{table}: tidak ada di salinan</translation>
    </message>
    <message>
      <source>{table}: {rows_src} rows (checksum {md5_src}) in the source, {rows_dst} rows (checksum {md5_dst}) in the copy</source>
      <translation>{table}: {rows_src} baris (checksum {md5_src}) di sumber, {rows_dst} baris (checksum {md5_dst}) di salinan</translation>
    </message>
    <message>
      <source>Copied {table}: {rows} rows</source>
      <translation>{table} disalin: {rows} baris</translation>
    </message>
    <message>
      <source>Export was cancelled; no file was written.</source>
      <translation>Ekspor dibatalkan; tidak ada berkas yang ditulis.</translation>
    </message>
    <message>
      <source>Replacing the plan in schema '{schema}'</source>
      <translation>Mengganti rencana di skema '{schema}'</translation>
    </message>
    <message>
      <source>Schema '{schema}' already exists in this database. Choose another schema or allow overwriting it.</source>
      <translation>Skema '{schema}' sudah ada di basis data ini. Pilih skema lain atau izinkan untuk menimpanya.</translation>
    </message>
    <message>
      <source>Saving failed: {errors}</source>
      <translation>Penyimpanan gagal: {errors}</translation>
    </message>
    <message>
      <source>The database refused the change: {reason}. Your database role may not change this (viewers may only read; a kab/kota office may only edit its own villages). Ask the plan's administrator.</source>
      <translation>Basis data menolak perubahan: {reason}. Peran basis data Anda tidak boleh mengubah ini (peninjau hanya boleh membaca; kantor kab/kota hanya boleh menyunting desanya sendiri). Hubungi administrator rencana.</translation>
    </message>
    <message>
      <source>{table} feature {fid} no longer exists (someone deleted it, or you may not see it). Reload the layer.</source>
      <translation>Fitur {fid} pada {table} sudah tidak ada (dihapus orang lain, atau Anda tidak boleh melihatnya). Muat ulang layer.</translation>
    </message>
    <message>
      <source>The status history is append-only: entries cannot be changed or deleted.</source>
      <translation>Riwayat status hanya bisa ditambah: entri tidak dapat diubah atau dihapus.</translation>
    </message>
    <message>
      <source>Edit conflict: {table} {key} was changed by {who} at {when} after you loaded it. Your change was NOT saved (nothing was overwritten). Reload the layer to see the current version, then make your change again.</source>
      <translation>Konflik suntingan: {table} {key} diubah oleh {who} pada {when} setelah Anda memuatnya. Perubahan Anda TIDAK disimpan (tidak ada yang tertimpa). Muat ulang layer untuk melihat versi terkini, lalu lakukan perubahan Anda lagi.</translation>
    </message>
    <message>
      <source>Database error: {reason}</source>
      <translation>Galat basis data: {reason}</translation>
    </message>
    <message>
      <source>'{schema}' cannot be used as the plan's schema: use lowercase letters, digits and underscores, starting with a letter (e.g. kaltim_plan), and not 'public'.</source>
      <translation>'{schema}' tidak dapat dipakai sebagai skema rencana: gunakan huruf kecil, angka dan garis bawah, diawali huruf (mis. kaltim_plan), dan bukan 'public'.</translation>
    </message>
    <message>
      <source>The connection to the database was lost ({reason}). Nothing of this operation was saved: the database rolled it back as a whole. Try again when the server is reachable.</source>
      <translation>Koneksi ke basis data terputus ({reason}). Tidak ada bagian dari operasi ini yang disimpan: basis data membatalkannya secara utuh. Coba lagi saat server dapat dijangkau.</translation>
    </message>
    <message>
      <source>There is no plan in schema '{schema}' of this database. Publish a plan first (Processing: Publish plan to PostGIS).</source>
      <translation>Tidak ada rencana di skema '{schema}' pada basis data ini. Publikasikan rencana terlebih dahulu (Processing: Publikasikan rencana ke PostGIS).</translation>
    </message>
    <message>
      <source>Roles created: {roles}</source>
      <translation>Peran yang dibuat: {roles}</translation>
    </message>
    <message>
      <source>'{code}' is not a kab/kota code (expected e.g. 64.01).</source>
      <translation>'{code}' bukan kode kab/kota (contoh yang benar: 64.01).</translation>
    </message>
    <message>
      <source>Unknown role '{role}': use kaltim_viewer, kaltim_editor or kaltim_admin.</source>
      <translation>Peran '{role}' tidak dikenal: gunakan kaltim_viewer, kaltim_editor atau kaltim_admin.</translation>
    </message>
  </context>
</TS>
