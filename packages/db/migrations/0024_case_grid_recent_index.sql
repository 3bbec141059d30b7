-- The duplicate check after each intake looks for recent open cases in the grids around the
-- report. By grid alone it fetched every case the grids ever had (a growing number of random
-- heap reads per intake as the history grows); by grid and time it fetches the recent ones only.
-- The new index serves look-ups by grid alone as well, so the old one goes.
create index cases_grid_created_idx on cases (grid_code, created_at);
drop index cases_grid_idx;
